namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>One packet record of a capture: its link type, capture time and bytes (valid until the next read).</summary>
public readonly ref struct CapturedPacket
{
    /// <summary>Creates a packet view.</summary>
    public CapturedPacket(int linkType, DateTimeOffset timestamp, ReadOnlySpan<byte> data, int originalLength)
    {
        LinkType = linkType;
        Timestamp = timestamp;
        Data = data;
        OriginalLength = originalLength;
    }

    /// <summary>LINKTYPE_* value of the interface (see <see cref="CaptureLinkType"/>).</summary>
    public int LinkType { get; }

    /// <summary>When the packet was captured (UTC).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The captured bytes.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The packet's length on the wire (longer than <see cref="Data"/> when the snap length cut it).</summary>
    public int OriginalLength { get; }
}
