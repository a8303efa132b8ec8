namespace Reintegratie.Edge.Sensors.RemoteId.Mavlink;

/// <summary>Receives what a <see cref="MavlinkFramer"/> cuts from the stream (called on the reading task).</summary>
public interface IMavlinkFrameHandler
{
    /// <summary>One checked frame; its payload span is only valid during the call.</summary>
    void OnFrame(in MavlinkFrame frame);

    /// <summary>A rejected frame (bad checksum, signed, unknown flags or id); <paramref name="bytes"/> is what was skipped.</summary>
    void OnRejected(MavlinkReject reason, ReadOnlySpan<byte> bytes);
}
