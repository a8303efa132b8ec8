namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>The broadcast medium a Remote ID frame was received on (second field of a <c>RID</c> line).</summary>
public enum RidTransport : byte
{
    /// <summary>Not reported (a MAVLink receiver does not say which medium it heard).</summary>
    Unknown = 0,

    /// <summary>Bluetooth 4 legacy advertising (single messages).</summary>
    Bt4 = 1,
    /// <summary>Bluetooth 5 long range / extended advertising (usually message packs).</summary>
    Bt5 = 2,
    /// <summary>Wi-Fi beacon vendor-specific element (message packs).</summary>
    WifiBeacon = 3,
    /// <summary>Wi-Fi Neighbour Awareness Networking (message packs).</summary>
    WifiNan = 4,
}
