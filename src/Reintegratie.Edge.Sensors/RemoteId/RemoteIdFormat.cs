namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>What a Remote ID receiver sends (key <c>Format</c> of its sensor section).</summary>
public enum RemoteIdFormat
{
    /// <summary>Our line format <c>RID,&lt;transport&gt;,&lt;rssi&gt;,&lt;mac&gt;,&lt;hex&gt;</c> (the default).</summary>
    Line = 0,

    /// <summary>MAVLink 2 frames: HEARTBEAT and OPEN_DRONE_ID_* (BlueMark DroneScout Bridge and similar).</summary>
    Mavlink = 1,

    /// <summary>Packet captures: a pcap/pcapng file played in real time (key <c>Capture</c>) or a live interface through libpcap (key <c>Interface</c>).</summary>
    Pcap = 2,

    /// <summary>Bluetooth LE advertising from a local controller through a raw HCI socket (key <c>Interface</c>: hciN).</summary>
    Hci = 3,
}
