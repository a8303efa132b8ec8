namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>What a pass over captured packets found (each packet is counted exactly once).</summary>
public sealed class CaptureCounters
{
    /// <summary>Packets read.</summary>
    public long Packets { get; private set; }

    /// <summary>Remote ID frames decoded.</summary>
    public long RemoteId { get; private set; }

    /// <summary>Packets whose FCS or CRC failed (counted, not decoded).</summary>
    public long BadChecksum { get; private set; }

    /// <summary>Packets too short for their headers, or Remote ID elements that are not a valid message or pack.</summary>
    public long Malformed { get; private set; }

    /// <summary>Valid packets without Remote ID.</summary>
    public long Other { get; private set; }

    /// <summary>Packets of link types we do not read.</summary>
    public long Unsupported { get; private set; }

    /// <summary>Counts one packet's outcome.</summary>
    public void Count(CaptureDecodeResult result)
    {
        Packets++;
        switch (result)
        {
            case CaptureDecodeResult.RemoteId: RemoteId++; break;
            case CaptureDecodeResult.BadChecksum: BadChecksum++; break;
            case CaptureDecodeResult.Malformed: Malformed++; break;
            case CaptureDecodeResult.UnsupportedLinkType: Unsupported++; break;
            default: Other++; break;
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Packets} packets: {RemoteId} Remote ID, {BadChecksum} bad checksum, {Malformed} malformed, {Other} other, {Unsupported} unsupported link type";
}
