namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>One paced run: rate, frames sent, latency percentiles (ms), frames lost and duplicates.</summary>
internal readonly record struct E2ePhase(int Rate, long Sent, double P50, double P99, double P999, long Lost, long Duplicates);
