using System.Buffers.Binary;

namespace Reintegratie.Edge.Sensors.RemoteId.Mavlink;

/// <summary>
/// Maps the payloads of OPEN_DRONE_ID_* messages (common.xml, 12900..12905) onto our decoded Remote ID messages.
/// MAVLink carries the values already unpacked (degE7, metres as float, cdeg, cm/s); its "unknown" codes become NaN,
/// as <see cref="OdidDecoder"/> does for the air format. Payloads must be zero-extended to their full length first
/// (<see cref="MavlinkFrame.CopyPayload"/>). Offsets are those of the wire order (fields sorted by type size).
/// </summary>
public static class MavlinkOdidDecoder
{
    /// <summary>MAVLink carries no protocol version; its field set is that of F3411-22.</summary>
    public const byte ProtocolVersion = 2;

    private const float UnknownAltitude = -1000f;
    private const ushort UnknownDirection = 36100;
    private const ushort UnknownSpeedHorizontal = 25500;
    private const short UnknownSpeedVertical = 6300;
    private const float UnknownTimestamp = 0xFFFF;

    /// <summary>The offset of <c>id_or_mac</c> in a message's payload; -1 when the message has none.</summary>
    public static int IdOrMacOffset(uint messageId) => messageId switch
    {
        MavlinkMessageInfo.OpenDroneIdBasicId or MavlinkMessageInfo.OpenDroneIdSelfId
            or MavlinkMessageInfo.OpenDroneIdOperatorId or MavlinkMessageInfo.OpenDroneIdMessagePack => 2,
        MavlinkMessageInfo.OpenDroneIdLocation => 32,
        MavlinkMessageInfo.OpenDroneIdAuthentication => 6,
        MavlinkMessageInfo.OpenDroneIdSystem => 30,
        _ => -1,
    };

    /// <summary>
    /// The sender's MAC address from <c>id_or_mac</c> (mavlink.io Open Drone ID service: a receiver fills in the MAC
    /// address of the transmitter it heard, first octet first, the rest zero). False when it holds none.
    /// </summary>
    public static bool TryMac(ReadOnlySpan<byte> payload, uint messageId, out ulong mac)
    {
        mac = 0;
        var at = IdOrMacOffset(messageId);
        if (at < 0)
        {
            return false;
        }

        var field = payload.Slice(at, 20);
        if (field[6..].IndexOfAnyExcept((byte)0) >= 0 || field[..6].IndexOfAnyExcept((byte)0) < 0)
        {
            return false; // empty, or an id longer than a MAC: not an address
        }

        for (var i = 0; i < 6; i++)
        {
            mac = (mac << 8) | field[i];
        }

        return true;
    }

    /// <summary>OPEN_DRONE_ID_BASIC_ID (44 bytes).</summary>
    public static BasicIdMessage DecodeBasicId(ReadOnlySpan<byte> p)
    {
        var msg = new BasicIdMessage { ProtocolVersion = ProtocolVersion, IdType = p[22], UaType = p[23] };
        var id = p.Slice(24, 20);
        msg.UasId.Set(msg.IsBinaryId ? id : OdidText.UpToNul(id));
        return msg;
    }

    /// <summary>OPEN_DRONE_ID_LOCATION (59 bytes).</summary>
    public static LocationMessage DecodeLocation(ReadOnlySpan<byte> p)
    {
        var direction = BinaryPrimitives.ReadUInt16LittleEndian(p[24..]);
        var speed = BinaryPrimitives.ReadUInt16LittleEndian(p[26..]);
        var climb = BinaryPrimitives.ReadInt16LittleEndian(p[28..]);
        var timestamp = BinaryPrimitives.ReadSingleLittleEndian(p[20..]);
        var msg = new LocationMessage
        {
            ProtocolVersion = ProtocolVersion,
            AltitudeBaroM = Altitude(BinaryPrimitives.ReadSingleLittleEndian(p[8..])),
            AltitudeGeoM = Altitude(BinaryPrimitives.ReadSingleLittleEndian(p[12..])),
            HeightM = Altitude(BinaryPrimitives.ReadSingleLittleEndian(p[16..])),
            TimestampSAfterHour = timestamp is >= 0 and < 3600 ? timestamp : float.NaN, // 0xFFFF: unknown
            DirectionDeg = direction >= UnknownDirection ? float.NaN : direction / 100f,
            SpeedHorizontalMps = speed >= UnknownSpeedHorizontal ? float.NaN : speed / 100f,
            SpeedVerticalMps = climb == UnknownSpeedVertical ? float.NaN : climb / 100f,
            Status = p[52],
            HeightType = p[53],
            HorizAccuracy = p[54],
            VertAccuracy = p[55],
            BaroAccuracy = p[56],
            SpeedAccuracy = p[57],
            TsAccuracy = p[58],
        };
        (msg.Latitude, msg.Longitude) = OdidScale.Position(
            BinaryPrimitives.ReadInt32LittleEndian(p), BinaryPrimitives.ReadInt32LittleEndian(p[4..]));
        return msg;
    }

    /// <summary>OPEN_DRONE_ID_AUTHENTICATION (53 bytes).</summary>
    public static AuthMessage DecodeAuth(ReadOnlySpan<byte> p)
    {
        var msg = new AuthMessage
        {
            ProtocolVersion = ProtocolVersion,
            TimestampSince2019 = BinaryPrimitives.ReadUInt32LittleEndian(p),
            AuthType = p[26],
            DataPage = p[27],
            LastPageIndex = p[28],
            Length = p[29],
        };

        // Page 0 holds 17 data bytes, later pages 23 [common.xml OPEN_DRONE_ID_AUTHENTICATION.authentication_data].
        var data = p.Slice(30, msg.DataPage == 0 ? AuthMessage.Page0DataSize : AuthMessage.PageDataSize);
        data.CopyTo(msg.Data);
        msg.DataLength = (byte)data.Length;
        return msg;
    }

    /// <summary>OPEN_DRONE_ID_SELF_ID (46 bytes).</summary>
    public static SelfIdMessage DecodeSelfId(ReadOnlySpan<byte> p)
    {
        var msg = new SelfIdMessage { ProtocolVersion = ProtocolVersion, DescType = p[22] };
        msg.Description.Set(OdidText.UpToNul(p.Slice(23, 23)));
        return msg;
    }

    /// <summary>OPEN_DRONE_ID_SYSTEM (54 bytes).</summary>
    public static SystemMessage DecodeSystem(ReadOnlySpan<byte> p)
    {
        var msg = new SystemMessage
        {
            ProtocolVersion = ProtocolVersion,
            AreaCeilingM = Altitude(BinaryPrimitives.ReadSingleLittleEndian(p[8..])),
            AreaFloorM = Altitude(BinaryPrimitives.ReadSingleLittleEndian(p[12..])),
            OperatorAltitudeGeoM = Altitude(BinaryPrimitives.ReadSingleLittleEndian(p[16..])),
            TimestampSince2019 = BinaryPrimitives.ReadUInt32LittleEndian(p[20..]),
            AreaCount = BinaryPrimitives.ReadUInt16LittleEndian(p[24..]),
            AreaRadiusM = BinaryPrimitives.ReadUInt16LittleEndian(p[26..]),
            OperatorLocationType = p[50],
            ClassificationType = p[51],
            CategoryEu = p[52],
            ClassEu = p[53],
        };
        (msg.OperatorLatitude, msg.OperatorLongitude) = OdidScale.Position(
            BinaryPrimitives.ReadInt32LittleEndian(p), BinaryPrimitives.ReadInt32LittleEndian(p[4..]));
        return msg;
    }

    /// <summary>OPEN_DRONE_ID_OPERATOR_ID (43 bytes).</summary>
    public static OperatorIdMessage DecodeOperatorId(ReadOnlySpan<byte> p)
    {
        var msg = new OperatorIdMessage { ProtocolVersion = ProtocolVersion, OperatorIdType = p[22] };
        msg.OperatorId.Set(OdidText.UpToNul(p.Slice(23, 20)));
        return msg;
    }

    /// <summary>
    /// OPEN_DRONE_ID_MESSAGE_PACK (249 bytes): writes an air-format message pack (<c>F2 19 N</c> + N x 25 bytes) of its
    /// messages into <paramref name="dest"/> and returns its length, or 0 with a reason when the sizes are not 25 x 1..9.
    /// </summary>
    public static int DecodeMessagePack(ReadOnlySpan<byte> p, Span<byte> dest, out string? error)
    {
        int size = p[22];
        int count = p[23];
        if (size != OdidFrame.MessageSize || count is < 1 or > OdidFrame.MaxPackMessages)
        {
            error = $"Expected single_message_size 25 and msg_pack_size 1..9 but got {size} and {count}";
            return 0;
        }

        error = null;
        return OdidEncoder.EncodePack(p.Slice(24, count * OdidFrame.MessageSize), dest, ProtocolVersion);
    }

    private static float Altitude(float metres) =>
        metres <= UnknownAltitude || !float.IsFinite(metres) ? float.NaN : metres;
}
