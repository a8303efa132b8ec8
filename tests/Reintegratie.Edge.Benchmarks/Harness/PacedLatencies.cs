using System.Diagnostics;

namespace Reintegratie.Edge.Benchmarks.Harness;

/// <summary>
/// Every hand-off latency of one paced round (Stopwatch ticks), kept whole so that the percentiles are exact and the
/// tail can be split by cause: whether each event came in the consumer's first batch after a wake-up. Allocated
/// before the round; recording writes two array elements and allocates nothing.
/// </summary>
internal sealed class PacedLatencies
{
    private readonly long[] _ticks;
    private readonly bool[] _afterWake;

    public PacedLatencies(long events)
    {
        _ticks = new long[events];
        _afterWake = new bool[events];
    }

    /// <summary>Records the latency of the <paramref name="index"/>-th event handled (single consumer thread).</summary>
    public void Record(long index, long ticks, bool afterWake)
    {
        _ticks[index] = ticks;
        _afterWake[index] = afterWake;
    }

    /// <summary>p50, p99 and p99.9 in µs (nearest rank).</summary>
    public (double P50, double P99, double P999) Percentiles()
    {
        var sorted = (long[])_ticks.Clone();
        Array.Sort(sorted);
        double Us(double p) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)] * 1_000_000.0 / Stopwatch.Frequency;
        return (Us(50), Us(99), Us(99.9));
    }

    /// <summary>Of the events slower than <paramref name="microseconds"/>, the share that came in a batch right after a wake-up.</summary>
    public double ShareAfterWakeAbove(double microseconds)
    {
        var threshold = (long)(microseconds * Stopwatch.Frequency / 1_000_000.0);
        long above = 0, afterWake = 0;
        for (var i = 0; i < _ticks.Length; i++)
        {
            if (_ticks[i] > threshold)
            {
                above++;
                afterWake += _afterWake[i] ? 1 : 0;
            }
        }

        return above == 0 ? 0 : afterWake / (double)above;
    }
}
