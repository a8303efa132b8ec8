using System.Buffers.Binary;

namespace Reintegratie.Edge.Sensors.RemoteId.Mavlink;

/// <summary>
/// One MAVLink 2 frame (mavlink.io serialization guide, "MAVLink 2 Packet Format"): STX 0xFD, LEN, INC FLAGS,
/// CMP FLAGS, SEQ, SYSID, COMPID, MSGID (24 bit, little-endian), payload (LEN bytes, trailing zeros truncated),
/// CHECKSUM (little-endian), and 13 signature bytes when INC FLAGS has bit 0 set. Nothing is copied.
/// </summary>
public readonly ref struct MavlinkFrame
{
    /// <summary>The start byte of a MAVLink 2 frame (MAVLink 1 uses 0xFE and is not read).</summary>
    public const byte StartByte = 0xFD;

    /// <summary>Bytes from STX to the end of MSGID.</summary>
    public const int HeaderSize = 10;

    /// <summary>Bytes of the checksum.</summary>
    public const int ChecksumSize = 2;

    /// <summary>Bytes of a signature block (link id, 48-bit timestamp, 48-bit signature).</summary>
    public const int SignatureSize = 13;

    /// <summary>Incompatibility flag: the frame is signed.</summary>
    public const byte FlagSigned = 0x01;

    /// <summary>The longest frame: 255 payload bytes and a signature.</summary>
    public const int MaxFrameSize = HeaderSize + 255 + ChecksumSize + SignatureSize;

    private MavlinkFrame(ReadOnlySpan<byte> bytes)
    {
        Payload = bytes.Slice(HeaderSize, bytes[1]);
        IncompatibilityFlags = bytes[2];
        CompatibilityFlags = bytes[3];
        Sequence = bytes[4];
        SystemId = bytes[5];
        ComponentId = bytes[6];
        MessageId = bytes[7] | ((uint)bytes[8] << 8) | ((uint)bytes[9] << 16);
    }

    /// <summary>The payload as sent (trailing zeros may be truncated; see <see cref="CopyPayload"/>).</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>INC FLAGS.</summary>
    public byte IncompatibilityFlags { get; }

    /// <summary>CMP FLAGS.</summary>
    public byte CompatibilityFlags { get; }

    /// <summary>Packet sequence number.</summary>
    public byte Sequence { get; }

    /// <summary>Sender's system id.</summary>
    public byte SystemId { get; }

    /// <summary>Sender's component id.</summary>
    public byte ComponentId { get; }

    /// <summary>24-bit message id.</summary>
    public uint MessageId { get; }

    /// <summary>Copies the payload into <paramref name="dest"/> and zero-fills the rest (undoing the truncation).</summary>
    public void CopyPayload(Span<byte> dest)
    {
        var n = Math.Min(Payload.Length, dest.Length);
        Payload[..n].CopyTo(dest);
        dest[n..].Clear();
    }

    /// <summary>
    /// Parses the frame at the start of <paramref name="bytes"/>. On <see cref="MavlinkReject.None"/> and
    /// <see cref="MavlinkReject.Unverifiable"/> <paramref name="consumed"/> is the frame's whole length (its checksum
    /// held, so its boundaries are trustworthy); on other rejections it is 1, so the caller resumes the search for a
    /// start byte right after this one. That includes unknown message ids: their checksum cannot be checked, and a
    /// stray 0xFD in line noise must not make the reader skip up to 280 bytes, real frames included.
    /// </summary>
    public static MavlinkReject TryParse(ReadOnlySpan<byte> bytes, out MavlinkFrame frame, out int consumed)
    {
        frame = default;
        consumed = 0;
        if (bytes.IsEmpty)
        {
            return MavlinkReject.NeedMore;
        }

        if (bytes[0] != StartByte)
        {
            consumed = 1;
            return MavlinkReject.NoStart;
        }

        if (bytes.Length < HeaderSize)
        {
            return MavlinkReject.NeedMore;
        }

        var flags = bytes[2];
        if ((flags & ~FlagSigned) != 0)
        {
            consumed = 1;
            return MavlinkReject.UnknownFlags;
        }

        int payloadLength = bytes[1];
        var signed = (flags & FlagSigned) != 0;
        var total = HeaderSize + payloadLength + ChecksumSize + (signed ? SignatureSize : 0);
        var messageId = bytes[7] | ((uint)bytes[8] << 8) | ((uint)bytes[9] << 16);
        var known = MavlinkMessageInfo.TryGet(messageId, out var crcExtra, out var fullLength);
        if (known && payloadLength > fullLength)
        {
            consumed = 1;
            return MavlinkReject.PayloadTooLong;
        }

        if (bytes.Length < total)
        {
            return MavlinkReject.NeedMore;
        }

        if (!known)
        {
            consumed = 1;
            return MavlinkReject.UnknownMessage;
        }

        var checksum = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(HeaderSize + payloadLength)..]);
        if (MavlinkCrc.Compute(bytes[1..(HeaderSize + payloadLength)], crcExtra) != checksum)
        {
            consumed = 1;
            return MavlinkReject.BadCrc;
        }

        consumed = total;
        if (signed)
        {
            // A library that cannot verify a signature must drop the frame [message_signing.html, "Frame Format"].
            return MavlinkReject.Unverifiable;
        }

        frame = new MavlinkFrame(bytes[..total]);
        return MavlinkReject.None;
    }
}
