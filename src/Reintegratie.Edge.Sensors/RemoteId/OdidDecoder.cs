using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// Decodes single 25-byte ASTM F3411 messages (versions 0..2 share the byte layout decoded here) into value types.
/// Allocation-free. Byte offsets below count the header as byte 0, as the standard's tables do.
/// </summary>
public static class OdidDecoder
{
    /// <summary>The message type of a message (high nibble of the header).</summary>
    public static OdidMessageType TypeOf(ReadOnlySpan<byte> message) =>
        message.IsEmpty ? ThrowTooShort<OdidMessageType>(0) : (OdidMessageType)(message[0] >> 4);

    /// <summary>Decodes a Basic ID message.</summary>
    public static BasicIdMessage DecodeBasicId(ReadOnlySpan<byte> m)
    {
        Expect(m, OdidMessageType.BasicId);
        var msg = new BasicIdMessage
        {
            ProtocolVersion = (byte)(m[0] & 0x0F),
            IdType = (byte)(m[1] >> 4), // byte 1: ID type in bits 7..4, UA type in bits 3..0 [F3411-22 Table 5]
            UaType = (byte)(m[1] & 0x0F),
        };
        var id = m.Slice(2, 20);
        msg.UasId.Set(msg.IsBinaryId ? id : OdidText.UpToNul(id));
        return msg;
    }

    /// <summary>Decodes a Location/Vector message.</summary>
    public static LocationMessage DecodeLocation(ReadOnlySpan<byte> m)
    {
        Expect(m, OdidMessageType.Location);
        var flags = m[1]; // status 7..4, reserved 3, height type 2, E/W direction segment 1, speed multiplier 0
        var msg = new LocationMessage
        {
            ProtocolVersion = (byte)(m[0] & 0x0F),
            Status = (byte)(flags >> 4),
            HeightType = (byte)((flags >> 2) & 1),
            DirectionDeg = OdidScale.Direction(m[2], (flags & 0x02) != 0),
            SpeedHorizontalMps = OdidScale.SpeedHorizontal(m[3], (flags & 0x01) != 0),
            SpeedVerticalMps = OdidScale.SpeedVertical((sbyte)m[4]),
            AltitudeBaroM = OdidScale.Altitude(BinaryPrimitives.ReadUInt16LittleEndian(m[13..])),
            AltitudeGeoM = OdidScale.Altitude(BinaryPrimitives.ReadUInt16LittleEndian(m[15..])),
            HeightM = OdidScale.Altitude(BinaryPrimitives.ReadUInt16LittleEndian(m[17..])),
            HorizAccuracy = (byte)(m[19] & 0x0F),
            VertAccuracy = (byte)(m[19] >> 4),
            SpeedAccuracy = (byte)(m[20] & 0x0F),
            BaroAccuracy = (byte)(m[20] >> 4),
            TimestampSAfterHour = OdidScale.TenthsAfterHour(BinaryPrimitives.ReadUInt16LittleEndian(m[21..])),
            TsAccuracy = (byte)(m[23] & 0x0F),
        };
        (msg.Latitude, msg.Longitude) = OdidScale.Position(
            BinaryPrimitives.ReadInt32LittleEndian(m[5..]), BinaryPrimitives.ReadInt32LittleEndian(m[9..]));
        return msg;
    }

    /// <summary>Decodes one Authentication page.</summary>
    public static AuthMessage DecodeAuth(ReadOnlySpan<byte> m)
    {
        Expect(m, OdidMessageType.Auth);
        var msg = new AuthMessage
        {
            ProtocolVersion = (byte)(m[0] & 0x0F),
            AuthType = (byte)(m[1] >> 4),
            DataPage = (byte)(m[1] & 0x0F),
        };
        ReadOnlySpan<byte> data;
        if (msg.DataPage == 0)
        {
            // Page 0 carries the page count, total length and a timestamp before its data [F3411-22 Table 8].
            msg.LastPageIndex = m[2];
            msg.Length = m[3];
            msg.TimestampSince2019 = BinaryPrimitives.ReadUInt32LittleEndian(m[4..]);
            data = m.Slice(8, AuthMessage.Page0DataSize);
        }
        else
        {
            data = m.Slice(2, AuthMessage.PageDataSize);
        }

        data.CopyTo(msg.Data);
        msg.DataLength = (byte)data.Length;
        return msg;
    }

    /// <summary>Decodes a Self-ID message.</summary>
    public static SelfIdMessage DecodeSelfId(ReadOnlySpan<byte> m)
    {
        Expect(m, OdidMessageType.SelfId);
        var msg = new SelfIdMessage { ProtocolVersion = (byte)(m[0] & 0x0F), DescType = m[1] };
        msg.Description.Set(OdidText.UpToNul(m.Slice(2, 23)));
        return msg;
    }

    /// <summary>Decodes a System message.</summary>
    public static SystemMessage DecodeSystem(ReadOnlySpan<byte> m)
    {
        Expect(m, OdidMessageType.System);
        var msg = new SystemMessage
        {
            ProtocolVersion = (byte)(m[0] & 0x0F),
            OperatorLocationType = (byte)(m[1] & 0x03), // byte 1: classification type 4..2, operator location type 1..0
            ClassificationType = (byte)((m[1] >> 2) & 0x07),
            AreaCount = BinaryPrimitives.ReadUInt16LittleEndian(m[10..]),
            AreaRadiusM = m[12] * 10, // 10 m steps [F3411-22 Table 10]
            AreaCeilingM = OdidScale.Altitude(BinaryPrimitives.ReadUInt16LittleEndian(m[13..])),
            AreaFloorM = OdidScale.Altitude(BinaryPrimitives.ReadUInt16LittleEndian(m[15..])),
            CategoryEu = (byte)(m[17] >> 4),
            ClassEu = (byte)(m[17] & 0x0F),
            OperatorAltitudeGeoM = OdidScale.Altitude(BinaryPrimitives.ReadUInt16LittleEndian(m[18..])),
            TimestampSince2019 = BinaryPrimitives.ReadUInt32LittleEndian(m[20..]),
        };
        (msg.OperatorLatitude, msg.OperatorLongitude) = OdidScale.Position(
            BinaryPrimitives.ReadInt32LittleEndian(m[2..]), BinaryPrimitives.ReadInt32LittleEndian(m[6..]));
        return msg;
    }

    /// <summary>Decodes an Operator ID message.</summary>
    public static OperatorIdMessage DecodeOperatorId(ReadOnlySpan<byte> m)
    {
        Expect(m, OdidMessageType.OperatorId);
        var msg = new OperatorIdMessage { ProtocolVersion = (byte)(m[0] & 0x0F), OperatorIdType = m[1] };
        msg.OperatorId.Set(OdidText.UpToNul(m.Slice(2, 20)));
        return msg;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Expect(ReadOnlySpan<byte> m, OdidMessageType type)
    {
        if (m.Length != OdidFrame.MessageSize)
        {
            ThrowTooShort<int>(m.Length);
        }

        if (m[0] >> 4 != (int)type)
        {
            ThrowWrongType(type, m[0]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ThrowTooShort<T>(int length) =>
        throw new OdidFormatException($"Expected a 25-byte message but got {length} bytes");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWrongType(OdidMessageType expected, byte header) =>
        throw new OdidFormatException($"Expected a {expected} message (type 0x{(int)expected:X}) but the header is 0x{header:X2}");
}
