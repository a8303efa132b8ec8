using System.Diagnostics;
using HdrHistogram;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>Send and receive timestamps by frame number; latency percentiles, lost and duplicate counts for a range.</summary>
internal sealed class LatencyBook
{
    private readonly long[] _sent;
    private readonly long[] _received;
    private long _duplicates;
    private long _foreign;

    public LatencyBook(long capacity)
    {
        _sent = new long[capacity];
        _received = new long[capacity];
    }

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Foreign => Interlocked.Read(ref _foreign);

    public void Sent(long number) => _sent[number] = Stopwatch.GetTimestamp();

    public void Received(long number, long timestamp)
    {
        if (number < 0 || number >= _received.Length)
        {
            Interlocked.Increment(ref _foreign);
            return;
        }

        if (Interlocked.CompareExchange(ref _received[number], timestamp, 0) != 0)
        {
            Interlocked.Increment(ref _duplicates);
        }
    }

    public long ReceivedIn(long from, long to)
    {
        long n = 0;
        for (var i = from; i < to; i++)
        {
            if (Volatile.Read(ref _received[i]) != 0)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>p50 / p99 / p99.9 in ms and the number lost, over frames [from, to).</summary>
    public (double P50, double P99, double P999, long Lost) Summarise(long from, long to)
    {
        var histogram = new LongHistogram(60_000_000, 3); // microseconds, up to a minute
        long lost = 0;
        for (var i = from; i < to; i++)
        {
            var r = Volatile.Read(ref _received[i]);
            if (r == 0)
            {
                lost++;
                continue;
            }

            var us = (long)((r - _sent[i]) * 1_000_000.0 / Stopwatch.Frequency);
            histogram.RecordValue(Math.Clamp(us, 0, histogram.HighestTrackableValue)); // a backlog past a minute counts as a minute
        }

        if (histogram.TotalCount == 0)
        {
            return (double.NaN, double.NaN, double.NaN, lost);
        }

        return (histogram.GetValueAtPercentile(50) / 1000.0, histogram.GetValueAtPercentile(99) / 1000.0, histogram.GetValueAtPercentile(99.9) / 1000.0, lost);
    }
}
