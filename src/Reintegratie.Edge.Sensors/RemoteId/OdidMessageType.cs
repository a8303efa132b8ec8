namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>ASTM F3411-22 message type: the high nibble of the header byte (F3411-22 Table 3).</summary>
public enum OdidMessageType : byte
{
    /// <summary>Basic ID: UA type, id type, UAS id.</summary>
    BasicId = 0x0,
    /// <summary>Location/Vector: position, altitudes, speeds, direction.</summary>
    Location = 0x1,
    /// <summary>Authentication (one page of up to 16).</summary>
    Auth = 0x2,
    /// <summary>Self-ID: free-text description.</summary>
    SelfId = 0x3,
    /// <summary>System: operator position, area, EU category/class.</summary>
    System = 0x4,
    /// <summary>Operator ID.</summary>
    OperatorId = 0x5,
    /// <summary>Message pack: <c>F2 19 N</c> + N x 25 bytes.</summary>
    MessagePack = 0xF,
}
