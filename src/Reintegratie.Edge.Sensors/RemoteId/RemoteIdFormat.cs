namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>What a Remote ID receiver sends (key <c>Format</c> of its sensor section).</summary>
public enum RemoteIdFormat
{
    /// <summary>Our line format <c>RID,&lt;transport&gt;,&lt;rssi&gt;,&lt;mac&gt;,&lt;hex&gt;</c> (the default).</summary>
    Line = 0,

    /// <summary>MAVLink 2 frames: HEARTBEAT and OPEN_DRONE_ID_* (BlueMark DroneScout Bridge and similar).</summary>
    Mavlink = 1,

    /// <summary>Packet captures: a pcap/pcapng file played in real time (key <c>Capture</c>).</summary>
    Pcap = 2,
}
