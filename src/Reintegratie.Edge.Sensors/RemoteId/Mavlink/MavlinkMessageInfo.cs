namespace Reintegratie.Edge.Sensors.RemoteId.Mavlink;

/// <summary>
/// The messages a Remote ID receiver emits that we read (common.xml / minimal.xml): id, CRC_EXTRA and full payload
/// length. A frame of any other id cannot have its CRC checked, so it is skipped and counted.
/// </summary>
public static class MavlinkMessageInfo
{
    /// <summary>HEARTBEAT (minimal.xml).</summary>
    public const uint Heartbeat = 0;

    /// <summary>OPEN_DRONE_ID_BASIC_ID.</summary>
    public const uint OpenDroneIdBasicId = 12900;

    /// <summary>OPEN_DRONE_ID_LOCATION.</summary>
    public const uint OpenDroneIdLocation = 12901;

    /// <summary>OPEN_DRONE_ID_AUTHENTICATION.</summary>
    public const uint OpenDroneIdAuthentication = 12902;

    /// <summary>OPEN_DRONE_ID_SELF_ID.</summary>
    public const uint OpenDroneIdSelfId = 12903;

    /// <summary>OPEN_DRONE_ID_SYSTEM.</summary>
    public const uint OpenDroneIdSystem = 12904;

    /// <summary>OPEN_DRONE_ID_OPERATOR_ID.</summary>
    public const uint OpenDroneIdOperatorId = 12905;

    /// <summary>OPEN_DRONE_ID_MESSAGE_PACK.</summary>
    public const uint OpenDroneIdMessagePack = 12915;

    /// <summary>Looks up a message id; false for ids we do not read.</summary>
    /// <param name="messageId">24-bit message id.</param>
    /// <param name="crcExtra">The CRC_EXTRA seed byte from the message definition.</param>
    /// <param name="payloadLength">The untruncated payload length (fields sorted by size, extensions last).</param>
    public static bool TryGet(uint messageId, out byte crcExtra, out byte payloadLength)
    {
        (crcExtra, payloadLength) = messageId switch
        {
            Heartbeat => ((byte)50, (byte)9),
            OpenDroneIdBasicId => ((byte)114, (byte)44),
            OpenDroneIdLocation => ((byte)254, (byte)59),
            OpenDroneIdAuthentication => ((byte)140, (byte)53),
            OpenDroneIdSelfId => ((byte)249, (byte)46),
            OpenDroneIdSystem => ((byte)77, (byte)54),
            OpenDroneIdOperatorId => ((byte)49, (byte)43),
            OpenDroneIdMessagePack => ((byte)94, (byte)249),
            _ => ((byte)0, (byte)0),
        };
        return payloadLength != 0;
    }
}
