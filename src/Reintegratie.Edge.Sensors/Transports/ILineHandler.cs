namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>Receives the lines a <see cref="LineFramer"/> cuts from a byte stream (called on the reading task of that stream).</summary>
public interface ILineHandler
{
    /// <summary>One complete line without its CR/LF terminator (never empty). The span is only valid during the call.</summary>
    void OnLine(ReadOnlySpan<byte> line);

    /// <summary>A line longer than the limit was discarded; <paramref name="start"/> holds its first bytes.</summary>
    void OnOverlongLine(ReadOnlySpan<byte> start, long length);
}
