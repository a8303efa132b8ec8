using System.Buffers.Binary;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// Encodes messages into 25-byte ASTM F3411 frames (the simulator's side; the inverse of <see cref="OdidDecoder"/>).
/// Values are quantised as the standard prescribes; NaN becomes the field's "unknown" code. Reserved bits are zero.
/// </summary>
public static class OdidEncoder
{
    /// <summary>Encodes a Basic ID message into <paramref name="dest"/> (25 bytes).</summary>
    public static void Encode(in BasicIdMessage msg, Span<byte> dest)
    {
        var m = Start(dest, OdidMessageType.BasicId, msg.ProtocolVersion);
        m[1] = (byte)((msg.IdType << 4) | (msg.UaType & 0x0F));
        OdidText.Write(msg.UasId.Span, m.Slice(2, 20));
    }

    /// <summary>Encodes a Location/Vector message.</summary>
    public static void Encode(in LocationMessage msg, Span<byte> dest)
    {
        var m = Start(dest, OdidMessageType.Location, msg.ProtocolVersion);
        var (dir, eastWest) = OdidScale.EncodeDirection(msg.DirectionDeg);
        var (speed, multiplier) = OdidScale.EncodeSpeedHorizontal(msg.SpeedHorizontalMps);
        m[1] = (byte)((msg.Status << 4) | ((msg.HeightType & 1) << 2) | (eastWest ? 0x02 : 0) | (multiplier ? 0x01 : 0));
        m[2] = dir;
        m[3] = speed;
        m[4] = (byte)OdidScale.EncodeSpeedVertical(msg.SpeedVerticalMps);
        WritePosition(m[5..], msg.Latitude, msg.Longitude);
        BinaryPrimitives.WriteUInt16LittleEndian(m[13..], OdidScale.EncodeAltitude(msg.AltitudeBaroM));
        BinaryPrimitives.WriteUInt16LittleEndian(m[15..], OdidScale.EncodeAltitude(msg.AltitudeGeoM));
        BinaryPrimitives.WriteUInt16LittleEndian(m[17..], OdidScale.EncodeAltitude(msg.HeightM));
        m[19] = (byte)((msg.VertAccuracy << 4) | (msg.HorizAccuracy & 0x0F));
        m[20] = (byte)((msg.BaroAccuracy << 4) | (msg.SpeedAccuracy & 0x0F));
        BinaryPrimitives.WriteUInt16LittleEndian(m[21..], OdidScale.EncodeTenthsAfterHour(msg.TimestampSAfterHour));
        m[23] = (byte)(msg.TsAccuracy & 0x0F);
    }

    /// <summary>Encodes one Authentication page.</summary>
    public static void Encode(in AuthMessage msg, Span<byte> dest)
    {
        var m = Start(dest, OdidMessageType.Auth, msg.ProtocolVersion);
        m[1] = (byte)((msg.AuthType << 4) | (msg.DataPage & 0x0F));
        if ((msg.DataPage & 0x0F) == 0)
        {
            m[2] = msg.LastPageIndex;
            m[3] = msg.Length;
            BinaryPrimitives.WriteUInt32LittleEndian(m[4..], msg.TimestampSince2019);
            OdidText.Write(msg.DataSpan, m.Slice(8, AuthMessage.Page0DataSize));
        }
        else
        {
            OdidText.Write(msg.DataSpan, m.Slice(2, AuthMessage.PageDataSize));
        }
    }

    /// <summary>Encodes a Self-ID message.</summary>
    public static void Encode(in SelfIdMessage msg, Span<byte> dest)
    {
        var m = Start(dest, OdidMessageType.SelfId, msg.ProtocolVersion);
        m[1] = msg.DescType;
        OdidText.Write(msg.Description.Span, m.Slice(2, 23));
    }

    /// <summary>Encodes a System message (area radius floors to 10 m steps).</summary>
    public static void Encode(in SystemMessage msg, Span<byte> dest)
    {
        var m = Start(dest, OdidMessageType.System, msg.ProtocolVersion);
        m[1] = (byte)(((msg.ClassificationType & 0x07) << 2) | (msg.OperatorLocationType & 0x03));
        WritePosition(m[2..], msg.OperatorLatitude, msg.OperatorLongitude);
        BinaryPrimitives.WriteUInt16LittleEndian(m[10..], msg.AreaCount);
        m[12] = (byte)Math.Clamp(msg.AreaRadiusM / 10, 0, 255);
        BinaryPrimitives.WriteUInt16LittleEndian(m[13..], OdidScale.EncodeAltitude(msg.AreaCeilingM));
        BinaryPrimitives.WriteUInt16LittleEndian(m[15..], OdidScale.EncodeAltitude(msg.AreaFloorM));
        m[17] = (byte)((msg.CategoryEu << 4) | (msg.ClassEu & 0x0F));
        BinaryPrimitives.WriteUInt16LittleEndian(m[18..], OdidScale.EncodeAltitude(msg.OperatorAltitudeGeoM));
        BinaryPrimitives.WriteUInt32LittleEndian(m[20..], msg.TimestampSince2019);
    }

    /// <summary>Encodes an Operator ID message.</summary>
    public static void Encode(in OperatorIdMessage msg, Span<byte> dest)
    {
        var m = Start(dest, OdidMessageType.OperatorId, msg.ProtocolVersion);
        m[1] = msg.OperatorIdType;
        OdidText.Write(msg.OperatorId.Span, m.Slice(2, 20));
    }

    /// <summary>
    /// Wraps <paramref name="messages"/> (a whole number of 25-byte messages, 1..9 of them) in a message pack header.
    /// Returns the bytes written to <paramref name="dest"/>.
    /// </summary>
    public static int EncodePack(ReadOnlySpan<byte> messages, Span<byte> dest, byte protocolVersion = 2)
    {
        var count = messages.Length / OdidFrame.MessageSize;
        if (messages.Length % OdidFrame.MessageSize != 0 || count is < 1 or > OdidFrame.MaxPackMessages)
        {
            throw new ArgumentException($"Expected 1..9 whole 25-byte messages but got {messages.Length} bytes", nameof(messages));
        }

        var total = OdidFrame.PackHeaderSize + messages.Length;
        if (dest.Length < total)
        {
            throw new ArgumentException($"Expected room for {total} bytes but the buffer holds {dest.Length}", nameof(dest));
        }

        dest[0] = (byte)(((int)OdidMessageType.MessagePack << 4) | (protocolVersion & 0x0F));
        dest[1] = OdidFrame.MessageSize;
        dest[2] = (byte)count;
        messages.CopyTo(dest[OdidFrame.PackHeaderSize..]);
        return total;
    }

    private static Span<byte> Start(Span<byte> dest, OdidMessageType type, byte version)
    {
        if (dest.Length < OdidFrame.MessageSize)
        {
            throw new ArgumentException($"Expected room for 25 bytes but the buffer holds {dest.Length}", nameof(dest));
        }

        var m = dest[..OdidFrame.MessageSize];
        m.Clear();
        m[0] = (byte)(((int)type << 4) | (version & 0x0F));
        return m;
    }

    private static void WritePosition(Span<byte> at, double lat, double lon)
    {
        var known = double.IsFinite(lat) && double.IsFinite(lon);
        BinaryPrimitives.WriteInt32LittleEndian(at, known ? OdidScale.EncodeCoordinate(Math.Clamp(lat, -90, 90)) : 0);
        BinaryPrimitives.WriteInt32LittleEndian(at[4..], known ? OdidScale.EncodeCoordinate(lon) : 0);
    }
}
