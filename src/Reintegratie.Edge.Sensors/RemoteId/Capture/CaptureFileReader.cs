using System.Buffers.Binary;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// Reads packet records from a pcap (tcpdump.org "pcap file format": magic 0xA1B2C3D4 for microseconds, 0xA1B23C4D for
/// nanoseconds, in either byte order) or pcapng file (IETF draft-ietf-opsawg-pcapng: Section Header, Interface
/// Description, Enhanced and Simple Packet Blocks; other blocks are skipped). One buffer is reused for every record.
/// The reader owns nothing: the caller disposes the stream.
/// </summary>
public sealed class CaptureFileReader
{
    /// <summary>Largest block or record accepted (a Wi-Fi frame is under 8 KB; this only stops a corrupt length).</summary>
    public const int MaxRecordBytes = 1 << 20;

    private const uint PcapMicros = 0xA1B2C3D4;
    private const uint PcapNanos = 0xA1B23C4D;
    private const uint PcapngSection = 0x0A0D0D0A;
    private const uint PcapngByteOrder = 0x1A2B3C4D;

    private readonly Stream _stream;
    private readonly List<(int LinkType, long UnitsPerSecond)> _interfaces = [];
    private byte[] _buffer = new byte[64 * 1024];
    private bool _bigEndian;
    private bool _pcapng;
    private int _pcapLinkType;
    private long _pcapUnitsPerSecond;

    /// <summary>Reads the file header; throws <see cref="CaptureFormatException"/> when it is neither pcap nor pcapng.</summary>
    public CaptureFileReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        Span<byte> magic = stackalloc byte[4];
        if (!TryFill(magic))
        {
            throw new CaptureFormatException("Expected a pcap or pcapng file header but the file is shorter than 4 bytes");
        }

        var le = BinaryPrimitives.ReadUInt32LittleEndian(magic);
        var be = BinaryPrimitives.ReadUInt32BigEndian(magic);
        if (le == PcapngSection)
        {
            _pcapng = true;
            ReadSectionHeader(alreadyReadType: true);
        }
        else if (le is PcapMicros or PcapNanos || be is PcapMicros or PcapNanos)
        {
            _bigEndian = be is PcapMicros or PcapNanos;
            var nanos = (_bigEndian ? be : le) == PcapNanos;
            var header = Body(20);
            _pcapLinkType = (int)(U32(header[16..]) & 0xFFFF); // the upper bits may carry FCS information
            _pcapUnitsPerSecond = nanos ? 1_000_000_000 : 1_000_000;
        }
        else
        {
            throw new CaptureFormatException($"Expected pcap magic A1B2C3D4/A1B23C4D or pcapng 0A0D0D0A but got {Convert.ToHexString(magic)}");
        }
    }

    /// <summary>True for pcapng, false for pcap.</summary>
    public bool IsPcapng => _pcapng;

    /// <summary>Records read so far.</summary>
    public long Packets { get; private set; }

    /// <summary>Reads the next packet; false at the end of the file. A truncated last record counts as the end.</summary>
    public bool TryRead(out CapturedPacket packet)
    {
        packet = default;
        return _pcapng ? TryReadBlock(out packet) : TryReadRecord(out packet);
    }

    private bool TryReadRecord(out CapturedPacket packet)
    {
        packet = default;
        Span<byte> header = stackalloc byte[16];
        if (!TryFill(header))
        {
            return false;
        }

        var seconds = U32(header);
        var fraction = U32(header[4..]);
        var included = U32(header[8..]);
        var original = U32(header[12..]);
        if (included > MaxRecordBytes)
        {
            throw new CaptureFormatException($"Expected a record of at most {MaxRecordBytes} bytes but the header says {included} (packet {Packets + 1})");
        }

        if (!TryBody((int)included, out var data))
        {
            return false;
        }

        Packets++;
        packet = new CapturedPacket(_pcapLinkType, Time(seconds, fraction, _pcapUnitsPerSecond), data, (int)Math.Min(original, int.MaxValue));
        return true;
    }

    private bool TryReadBlock(out CapturedPacket packet)
    {
        packet = default;
        Span<byte> head = stackalloc byte[8];
        while (TryFill(head))
        {
            var type = BinaryPrimitives.ReadUInt32LittleEndian(head); // the section header's type reads the same both ways
            if (type == PcapngSection)
            {
                ReadSectionHeader(alreadyReadType: false, head);
                continue;
            }

            var total = U32(head[4..]);
            if (total < 12 || total % 4 != 0 || total > MaxRecordBytes)
            {
                throw new CaptureFormatException($"Expected a pcapng block length that is a multiple of 4 between 12 and {MaxRecordBytes} but got {total}");
            }

            if (!TryBody((int)total - 8, out var body))
            {
                return false;
            }

            type = U32(head);
            var content = body[..^4];
            switch (type)
            {
                case 1:
                    AddInterface(content);
                    break;
                case 6 when TryEnhanced(content, out packet):
                    return true;
                case 3 when TrySimple(content, out packet):
                    return true;
                default:
                    break; // name resolution, statistics, custom blocks: nothing for us
            }
        }

        return false;
    }

    private bool TryEnhanced(ReadOnlySpan<byte> b, out CapturedPacket packet)
    {
        packet = default;
        if (b.Length < 20)
        {
            throw new CaptureFormatException($"Expected an Enhanced Packet Block body of at least 20 bytes but got {b.Length}");
        }

        var iface = (int)U32(b);
        var captured = U32(b[12..]);
        if (iface >= _interfaces.Count || captured > b.Length - 20)
        {
            throw new CaptureFormatException($"Enhanced Packet Block names interface {iface} of {_interfaces.Count} or holds {captured} bytes in a {b.Length}-byte body");
        }

        var (linkType, units) = _interfaces[iface];
        var ticks = ((ulong)U32(b[4..]) << 32) | U32(b[8..]);
        Packets++;
        packet = new CapturedPacket(linkType, Time(ticks, units), b.Slice(20, (int)captured), (int)Math.Min(U32(b[16..]), int.MaxValue));
        return true;
    }

    private bool TrySimple(ReadOnlySpan<byte> b, out CapturedPacket packet)
    {
        packet = default;
        if (_interfaces.Count == 0 || b.Length < 4)
        {
            throw new CaptureFormatException("Expected an Interface Description Block before a Simple Packet Block");
        }

        var original = (int)Math.Min(U32(b), int.MaxValue);
        Packets++;

        // A Simple Packet Block has no timestamp [pcapng 4.4]: the Unix epoch says "unknown".
        packet = new CapturedPacket(_interfaces[0].LinkType, DateTimeOffset.UnixEpoch, b[4..][..Math.Min(original, b.Length - 4)], original);
        return true;
    }

    private void AddInterface(ReadOnlySpan<byte> b)
    {
        if (b.Length < 8)
        {
            throw new CaptureFormatException($"Expected an Interface Description Block body of at least 8 bytes but got {b.Length}");
        }

        var linkType = (int)U16(b);
        long units = 1_000_000; // if_tsresol default: microseconds
        var options = b[8..];
        while (options.Length >= 4)
        {
            var code = U16(options);
            var length = U16(options[2..]);
            if (code == 0 || 4 + length > options.Length)
            {
                break;
            }

            if (code == 9 && length >= 1)
            {
                units = Resolution(options[4]);
            }

            options = options[Math.Min(options.Length, 4 + ((length + 3) & ~3))..];
        }

        _interfaces.Add((linkType, units));
    }

    private void ReadSectionHeader(bool alreadyReadType, ReadOnlySpan<byte> head = default)
    {
        Span<byte> lengthAndOrder = stackalloc byte[8];
        if (alreadyReadType)
        {
            if (!TryFill(lengthAndOrder))
            {
                throw new CaptureFormatException("Expected a pcapng Section Header Block but the file ends inside it");
            }
        }
        else
        {
            head[4..8].CopyTo(lengthAndOrder);
            if (!TryFill(lengthAndOrder[4..]))
            {
                throw new CaptureFormatException("Expected a pcapng Section Header Block but the file ends inside it");
            }
        }

        var order = BinaryPrimitives.ReadUInt32LittleEndian(lengthAndOrder[4..]);
        if (order != PcapngByteOrder && BinaryPrimitives.ReverseEndianness(order) != PcapngByteOrder)
        {
            throw new CaptureFormatException($"Expected the pcapng byte-order magic 1A2B3C4D but got {order:X8}");
        }

        _bigEndian = order != PcapngByteOrder;
        var total = U32(lengthAndOrder);
        if (total < 28 || total % 4 != 0 || total > MaxRecordBytes)
        {
            throw new CaptureFormatException($"Expected a Section Header Block length of at least 28 bytes but got {total}");
        }

        _ = Body((int)total - 12); // version, section length, options, trailing length
        _interfaces.Clear(); // interface ids are per section [pcapng 4.2]
    }

    private static long Resolution(byte tsresol)
    {
        var exponent = tsresol & 0x7F;
        if ((tsresol & 0x80) != 0)
        {
            return exponent < 62 ? 1L << exponent : throw new CaptureFormatException($"Unsupported if_tsresol 2^-{exponent}");
        }

        return exponent <= 18 ? (long)Math.Pow(10, exponent) : throw new CaptureFormatException($"Unsupported if_tsresol 10^-{exponent}");
    }

    private static DateTimeOffset Time(ulong ticks, long unitsPerSecond)
    {
        var seconds = ticks / (ulong)unitsPerSecond;
        var rest = ticks % (ulong)unitsPerSecond;
        return Time((uint)Math.Min(seconds, uint.MaxValue), rest, unitsPerSecond);
    }

    private static DateTimeOffset Time(uint seconds, ulong fraction, long unitsPerSecond) =>
        DateTimeOffset.UnixEpoch.AddSeconds(seconds).AddTicks((long)((decimal)fraction * TimeSpan.TicksPerSecond / unitsPerSecond));

    private ReadOnlySpan<byte> Body(int length) =>
        TryBody(length, out var body) ? body : throw new CaptureFormatException($"Expected {length} more bytes but the file ends");

    private bool TryBody(int length, out ReadOnlySpan<byte> body)
    {
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }

        body = _buffer.AsSpan(0, length);
        return TryFill(_buffer.AsSpan(0, length));
    }

    private bool TryFill(Span<byte> dest)
    {
        var read = 0;
        while (read < dest.Length)
        {
            var n = _stream.Read(dest[read..]);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    private uint U32(ReadOnlySpan<byte> b) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private ushort U16(ReadOnlySpan<byte> b) => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
}
