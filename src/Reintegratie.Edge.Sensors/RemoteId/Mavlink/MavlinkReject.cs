namespace Reintegratie.Edge.Sensors.RemoteId.Mavlink;

/// <summary>Why <see cref="MavlinkFrame.TryParse"/> did not return a frame.</summary>
public enum MavlinkReject : byte
{
    /// <summary>A frame was parsed.</summary>
    None = 0,

    /// <summary>The bytes so far are a valid start; more are needed.</summary>
    NeedMore,

    /// <summary>The first byte is not the MAVLink 2 start byte 0xFD.</summary>
    NoStart,

    /// <summary>An incompatibility flag other than "signed" is set: the spec says drop what you do not understand.</summary>
    UnknownFlags,

    /// <summary>The payload is longer than the message's definition.</summary>
    PayloadTooLong,

    /// <summary>The checksum does not match.</summary>
    BadCrc,

    /// <summary>The frame is signed and we hold no key to verify it.</summary>
    Unverifiable,

    /// <summary>A message id we do not read (its CRC_EXTRA is unknown, so its checksum cannot be checked;
    /// the reader moves on one byte, as after a bad checksum).</summary>
    UnknownMessage,
}
