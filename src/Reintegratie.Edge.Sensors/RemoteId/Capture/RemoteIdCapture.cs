namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>A Remote ID frame found in a captured packet: where it is in the packet and what the radio saw.</summary>
public struct RemoteIdCapture
{
    /// <summary>The broadcast medium.</summary>
    public RidTransport Transport;

    /// <summary>True when the sender's address is known.</summary>
    public bool HasMac;

    /// <summary>The sender's address (802.11 SA, Bluetooth AdvA), first octet in the high byte.</summary>
    public ulong Mac;

    /// <summary>Received signal strength in dBm; NaN when the capture has none.</summary>
    public float RssiDbm;

    /// <summary>The transport's message counter (the byte before the message or pack).</summary>
    public byte Counter;

    /// <summary>Offset of the Remote ID frame in the packet's data.</summary>
    public int Offset;

    /// <summary>Length of the Remote ID frame (25 for a single message, 3 + 25 N for a pack).</summary>
    public int Length;

    /// <summary>The envelope the track assembler takes.</summary>
    public readonly RemoteIdLine ToLine() =>
        new() { Transport = Transport, HasMac = HasMac, Mac = Mac, RssiDbm = RssiDbm, HasCounter = true, Counter = Counter, FrameLength = Length };
}
