using System.Buffers.Binary;

namespace Reintegratie.Edge.Sensors.RemoteId.Mavlink;

/// <summary>
/// Writes unsigned MAVLink 2 frames of the messages <see cref="MavlinkMessageInfo"/> knows (the simulator's side; the
/// inverse of <see cref="MavlinkFrame.TryParse"/>): trailing zero bytes of the payload are truncated, as the
/// serialization guide requires of a sender, keeping at least one byte.
/// </summary>
public static class MavlinkFrameWriter
{
    /// <summary>Writes the frame into <paramref name="dest"/> and returns its length.</summary>
    public static int Write(Span<byte> dest, uint messageId, ReadOnlySpan<byte> payload, byte sequence, byte systemId, byte componentId)
    {
        if (!MavlinkMessageInfo.TryGet(messageId, out var crcExtra, out var fullLength))
        {
            throw new ArgumentException($"Expected a message id we read (0, 12900..12905, 12915) but got {messageId}", nameof(messageId));
        }

        if (payload.Length > fullLength)
        {
            throw new ArgumentException($"Expected at most {fullLength} payload bytes for message {messageId} but got {payload.Length}", nameof(payload));
        }

        var length = payload.Length;
        while (length > 1 && payload[length - 1] == 0)
        {
            length--;
        }

        var total = MavlinkFrame.HeaderSize + length + MavlinkFrame.ChecksumSize;
        if (dest.Length < total)
        {
            throw new ArgumentException($"Expected room for {total} bytes but the buffer holds {dest.Length}", nameof(dest));
        }

        dest[0] = MavlinkFrame.StartByte;
        dest[1] = (byte)length;
        dest[2] = 0;
        dest[3] = 0;
        dest[4] = sequence;
        dest[5] = systemId;
        dest[6] = componentId;
        dest[7] = (byte)messageId;
        dest[8] = (byte)(messageId >> 8);
        dest[9] = (byte)(messageId >> 16);
        payload[..length].CopyTo(dest[MavlinkFrame.HeaderSize..]);
        var crc = MavlinkCrc.Compute(dest[1..(MavlinkFrame.HeaderSize + length)], crcExtra);
        BinaryPrimitives.WriteUInt16LittleEndian(dest[(MavlinkFrame.HeaderSize + length)..], crc);
        return total;
    }
}
