using System.Diagnostics;
using System.Threading.Channels;
using HdrHistogram;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Pipeline;

namespace Reintegratie.Edge.Benchmarks.Harness;

/// <summary>
/// Our ring against a bounded <see cref="Channel{T}"/> in the same process and run: one producer, one consumer,
/// the same capacity, each with its default blocking wait (the ring's spin-then-block; the channel's async wait).
/// </summary>
public static class RingVsChannel
{
    public const int Capacity = 16384;

    /// <summary>
    /// One paced round: hand-off percentiles (µs) and why the tail is what it is: how often the consumer slept (a
    /// blocked ring stage, each one a wake-up on the publish path), and how often the consumer and the producer were
    /// preempted. The Channel's consumer runs on pool threads, so it has no consumer counts (-1).
    /// </summary>
    public readonly record struct PacedRound(double P50, double P99, double P999, long ConsumerSleeps, long ConsumerPreempted, long ProducerPreempted);

    private sealed class SumHandler : IStageHandler<LatencySlot>
    {
        public long Sum;
        public long Count;
        public readonly ManualResetEventSlim Done = new();
        public long Expected;
        public LongHistogram? Histogram;
        public ContextSwitches First;
        public ContextSwitches Last;

        public void OnEvent(LatencySlot data, long sequence, bool endOfBatch)
        {
            if (Histogram is not null)
            {
                Histogram.RecordValue(Stopwatch.GetTimestamp() - data.PublishedAt);
                if (Count == 0)
                {
                    First = ContextSwitches.OfThisThread();
                }
            }

            Sum += data.Value;
            if (++Count == Expected)
            {
                if (Histogram is not null)
                {
                    Last = ContextSwitches.OfThisThread();
                }

                Done.Set();
            }
        }
    }

    /// <summary>Events per second through the ring (10M events by default).</summary>
    public static double RingThroughput(long events)
    {
        var (ring, stage, handler, cts) = StartRing(events, histogram: null);
        var sw = Stopwatch.StartNew();
        for (long i = 0; i < events; i++)
        {
            var s = ring.Next();
            ring[s].Value = i;
            ring.Publish(s);
        }

        handler.Done.Wait();
        sw.Stop();
        cts.Cancel();
        stage.Join(TimeSpan.FromSeconds(10));
        return events / sw.Elapsed.TotalSeconds;
    }

    /// <summary>Events per second through a bounded channel of the same capacity.</summary>
    public static double ChannelThroughput(long events)
    {
        var channel = Channel.CreateBounded<long>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var consumer = Task.Run(async () =>
        {
            long count = 0, sum = 0;
            while (count < events && await channel.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var v))
                {
                    sum += v;
                    count++;
                }
            }

            return sum;
        });
        var sw = Stopwatch.StartNew();
        var writer = channel.Writer;
        for (long i = 0; i < events; i++)
        {
            if (!writer.TryWrite(i))
            {
                writer.WriteAsync(i).AsTask().GetAwaiter().GetResult();
            }
        }

        consumer.GetAwaiter().GetResult();
        sw.Stop();
        return events / sw.Elapsed.TotalSeconds;
    }

    /// <summary>Hand-off latency (µs) at a paced rate through the ring: p50, p99, p99.9, sleeps and preemptions.</summary>
    public static PacedRound RingPacedLatency(int ratePerSecond, TimeSpan duration)
    {
        var events = (long)(ratePerSecond * duration.TotalSeconds);
        var histogram = new LongHistogram(Stopwatch.Frequency, 3);
        var (ring, stage, handler, cts) = StartRing(events, histogram);
        var producer = ContextSwitches.OfThisThread();
        Pace(ratePerSecond, events, (i, now) =>
        {
            var s = ring.Next();
            ring[s].Value = i;
            ring[s].PublishedAt = now;
            ring.Publish(s);
        });
        producer = ContextSwitches.OfThisThread() - producer;
        handler.Done.Wait();
        cts.Cancel();
        stage.Join(TimeSpan.FromSeconds(10));
        var (p50, p99, p999) = Percentiles(histogram);
        var consumer = handler.Last - handler.First;
        return new PacedRound(p50, p99, p999, consumer.Voluntary, consumer.Involuntary, producer.Involuntary);
    }

    /// <summary>Hand-off latency (µs) at a paced rate through the channel (no consumer counts: pool threads).</summary>
    public static PacedRound ChannelPacedLatency(int ratePerSecond, TimeSpan duration)
    {
        var events = (long)(ratePerSecond * duration.TotalSeconds);
        var histogram = new LongHistogram(Stopwatch.Frequency, 3);
        var channel = Channel.CreateBounded<long>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
        var consumer = Task.Run(async () =>
        {
            long count = 0;
            while (count < events && await channel.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var publishedAt))
                {
                    histogram.RecordValue(Stopwatch.GetTimestamp() - publishedAt);
                    count++;
                }
            }
        });
        var producer = ContextSwitches.OfThisThread();
        Pace(ratePerSecond, events, (_, now) =>
        {
            if (!channel.Writer.TryWrite(now))
            {
                channel.Writer.WriteAsync(now).AsTask().GetAwaiter().GetResult();
            }
        });
        producer = ContextSwitches.OfThisThread() - producer;
        consumer.GetAwaiter().GetResult();
        var (p50, p99, p999) = Percentiles(histogram);
        return new PacedRound(p50, p99, p999, -1, -1, producer.Involuntary);
    }

    /// <summary>CPU use of this process (percent of one core) while a started ring sits idle.</summary>
    public static double RingIdleCpuPercent(TimeSpan duration)
    {
        var (_, stage, _, cts) = StartRing(long.MaxValue, histogram: null);
        Thread.Sleep(500); // let the stage reach its blocking wait
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        Thread.Sleep(duration);
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalMilliseconds / sw.Elapsed.TotalMilliseconds * 100;
        cts.Cancel();
        stage.Join(TimeSpan.FromSeconds(10));
        return cpu;
    }

    /// <summary>Bytes allocated per event, whole process, over a steady run through the ring.</summary>
    public static double RingAllocatedBytesPerEvent(long events)
    {
        RingThroughput(100_000); // warm-up: JIT and tiering allocate once
        var (ring, stage, handler, cts) = StartRing(events, histogram: null);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (long i = 0; i < events; i++)
        {
            var s = ring.Next();
            ring[s].Value = i;
            ring.Publish(s);
        }

        handler.Done.Wait();
        var after = GC.GetTotalAllocatedBytes(precise: true);
        cts.Cancel();
        stage.Join(TimeSpan.FromSeconds(10));
        return (after - before) / (double)events;
    }

    private static (RingBuffer<LatencySlot>, EventProcessor<LatencySlot>, SumHandler, CancellationTokenSource) StartRing(long events, LongHistogram? histogram)
    {
        var ring = new RingBuffer<LatencySlot>(Capacity, static () => new LatencySlot(), new SpinThenBlockWaitStrategy());
        var handler = new SumHandler { Expected = events, Histogram = histogram };
        var stage = new EventProcessor<LatencySlot>("bench", ring, ring.NewBarrier(), handler, NullLogger.Instance);
        ring.AddGatingSequences(stage.Sequence);
        var cts = new CancellationTokenSource();
        stage.Start(cts.Token);
        return (ring, stage, handler, cts);
    }

    private static void Pace(int ratePerSecond, long events, Action<long, long> publish)
    {
        var interval = Stopwatch.Frequency / (double)ratePerSecond;
        var start = Stopwatch.GetTimestamp();
        for (long i = 0; i < events; i++)
        {
            var due = start + (long)(i * interval);
            long now;
            while ((now = Stopwatch.GetTimestamp()) < due)
            {
                Thread.SpinWait(10);
            }

            publish(i, now);
        }
    }

    private static (double, double, double) Percentiles(LongHistogram h)
    {
        double Us(double p) => h.GetValueAtPercentile(p) * 1_000_000.0 / Stopwatch.Frequency;
        return (Us(50), Us(99), Us(99.9));
    }
}
