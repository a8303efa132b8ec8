namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>
/// Cuts frames out of a byte stream and hands them to its handler: lines (<see cref="LineFramer"/>) or binary
/// frames (MAVLink). <see cref="StreamPump"/> reads the stream into it; <see cref="SerialLineReader"/> keeps the
/// transport open around that.
/// </summary>
public interface IStreamFramer
{
    /// <summary>Frames delivered so far (a reconnect series restarts from the base delay once this grew).</summary>
    long Frames { get; }

    /// <summary>Feeds received bytes; complete frames go to the handler.</summary>
    void Feed(ReadOnlySpan<byte> chunk);

    /// <summary>Drops a partial frame (after the transport reconnects, the bytes before the gap belong to nothing).</summary>
    void Reset();
}
