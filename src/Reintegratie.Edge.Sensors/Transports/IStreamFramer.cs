namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>
/// Cuts frames out of a byte stream and hands them to its handler: lines (<see cref="LineFramer"/>) or binary
/// frames (MAVLink). <see cref="SerialLineReader"/> keeps the transport open around it.
/// </summary>
public interface IStreamFramer
{
    /// <summary>Frames delivered so far (a reconnect series restarts from the base delay once this grew).</summary>
    long Frames { get; }

    /// <summary>Reads <paramref name="stream"/> until it ends (returns) or fails (throws); the caller owns the stream.</summary>
    Task PumpAsync(Stream stream, CancellationToken cancellationToken);
}
