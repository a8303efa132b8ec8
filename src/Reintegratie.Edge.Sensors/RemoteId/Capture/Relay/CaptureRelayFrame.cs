using System.Buffers.Binary;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture.Relay;

/// <summary>
/// One captured packet on the relay socket from the capture unit to the gateway, big-endian:
/// magic 0xCA97 (2), link type (2), data length (4, 1..65535), capture time in Unix microseconds (8), then the data.
/// The gateway checks every header: a wrong magic, an unknown link type or a length out of range means the stream is out
/// of step, and the connection is dropped (there is no resynchronising on a byte stream).
/// </summary>
public static class CaptureRelayFrame
{
    /// <summary>Bytes before the data.</summary>
    public const int HeaderLength = 16;

    /// <summary>Longest packet carried (a capture's usual snap length).</summary>
    public const int MaxData = 65535;

    private const ushort Magic = 0xCA97;

    /// <summary>Writes the frame of one packet into <paramref name="destination"/>; returns its length.</summary>
    public static int Write(Span<byte> destination, int linkType, DateTimeOffset timestamp, ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data.Length, MaxData);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, HeaderLength + data.Length);
        BinaryPrimitives.WriteUInt16BigEndian(destination, Magic);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], checked((ushort)linkType));
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)data.Length);
        BinaryPrimitives.WriteInt64BigEndian(destination[8..], (timestamp - DateTimeOffset.UnixEpoch).Ticks / 10);
        data.CopyTo(destination[HeaderLength..]);
        return HeaderLength + data.Length;
    }

    /// <summary>Reads a header; false with the reason when it is not one.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> header, out int linkType, out int length, out DateTimeOffset timestamp, out string? reason)
    {
        linkType = 0;
        length = 0;
        timestamp = default;
        reason = null;
        if (header.Length < HeaderLength)
        {
            reason = $"Expected a {HeaderLength}-byte header but got {header.Length} bytes";
            return false;
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(header) != Magic)
        {
            reason = $"Expected magic 0x{Magic:X4} but got 0x{BinaryPrimitives.ReadUInt16BigEndian(header):X4}";
            return false;
        }

        linkType = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
        var declared = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        if (declared is 0 or > MaxData)
        {
            reason = $"Expected a data length of 1..{MaxData} but got {declared}";
            return false;
        }

        if (!RemoteIdCaptureDecoder.Supports(linkType))
        {
            reason = $"Expected a link type the decoder reads but got {linkType}";
            return false;
        }

        var micros = BinaryPrimitives.ReadInt64BigEndian(header[8..]);
        if (micros is < 0 or > 253_402_300_799_999_999L)
        {
            reason = $"Expected a capture time in Unix microseconds but got {micros}";
            return false;
        }

        length = (int)declared;
        timestamp = DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
        return true;
    }
}
