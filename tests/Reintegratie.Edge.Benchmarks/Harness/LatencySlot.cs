namespace Reintegratie.Edge.Benchmarks.Harness;

/// <summary>Ring slot for the harness: a value and the Stopwatch timestamp at publish.</summary>
public sealed class LatencySlot
{
    public long Value;
    public long PublishedAt;
}
