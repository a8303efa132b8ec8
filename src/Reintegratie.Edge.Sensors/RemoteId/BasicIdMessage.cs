using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>A decoded Basic ID message (F3411-22 5.4.5.7).</summary>
public struct BasicIdMessage
{
    /// <summary>Header protocol version (0 = F3411-19, 1 = F3411-20, 2 = F3411-22).</summary>
    public byte ProtocolVersion;

    /// <summary>ID type: 0 none, 1 serial number (ANSI/CTA-2063-A), 2 CAA registration, 3 UTM UUID, 4 specific session id.</summary>
    public byte IdType;

    /// <summary>UA type: 0 none, 1 aeroplane, 2 multirotor, ... 15 other.</summary>
    public byte UaType;

    /// <summary>
    /// The UAS id. Text ids (types 0..2) hold the ASCII up to the first NUL; binary ids (types 3, 4) hold all 20 raw bytes.
    /// </summary>
    public FixedAscii32 UasId;

    /// <summary>True when the id is binary (UTM UUID, specific session id) and is shown as hex.</summary>
    public readonly bool IsBinaryId => IdType is 3 or 4;
}
