namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// The envelope of one receiver line <c>RID,&lt;transport&gt;,&lt;rssi_dbm&gt;,&lt;mac or -&gt;,&lt;hex&gt;</c>
/// (hardware/protocols/remote-id-receiver.md). The frame bytes are decoded into the caller's buffer.
/// </summary>
public struct RemoteIdLine
{
    /// <summary>Broadcast medium.</summary>
    public RidTransport Transport;

    /// <summary>Received signal strength in dBm; NaN when the receiver left it empty.</summary>
    public float RssiDbm;

    /// <summary>True when the sender's MAC address was given.</summary>
    public bool HasMac;

    /// <summary>The sender's 48-bit MAC address (first octet in the high byte).</summary>
    public ulong Mac;

    /// <summary>True when the transport's message counter is known (captures; not the line format or MAVLink).</summary>
    public bool HasCounter;

    /// <summary>The transport's 8-bit message counter.</summary>
    public byte Counter;

    /// <summary>Bytes of the frame written to the caller's buffer.</summary>
    public int FrameLength;
}
