using System.Diagnostics;
using System.Threading.Channels;
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
    /// One paced round: hand-off percentiles (µs, exact: every latency kept) and why the tail is what it is.
    /// <list type="bullet">
    /// <item><c>ConsumerSleeps</c>: the ring's consumer thread slept (a blocked stage; each one a wake-up on the publish
    /// path). For the Channel: waits that did not complete at once (the reader's continuation went to the thread pool).</item>
    /// <item><c>ConsumerPreempted</c>, <c>ProducerPreempted</c>: involuntary context switches (-1: the Channel's consumer
    /// runs on pool threads, so it has no per-thread counts).</item>
    /// <item><c>ConsumerQueuedMs</c>, <c>ProducerQueuedMs</c>: time the thread was runnable but had no core (the kernel's
    /// run_delay): preemption and wake-up delay, the time during which events pile up behind it.</item>
    /// <item><c>Gen0Collections</c>: garbage collections during the round (0 expected: nothing allocates per event).</item>
    /// <item><c>JitCompiled</c>: methods the JIT compiled during the round (0 expected after the warm-up).</item>
    /// <item><c>TailAfterWake</c>: of the events slower than the round's p99, the share handled in the first batch after a
    /// wake-up of the consumer (the wait's own cost); the rest waited for a preempted consumer (-1 for the Channel).</item>
    /// <item><c>OtherThreadsCpuMs</c>, <c>OtherThreadsRuns</c>: CPU and runs of this process's other threads during the
    /// round (ring: all but producer and consumer; Channel: all but the producer, so its pool consumer is in it), and
    /// the name of the one that ran longest.</item>
    /// </list>
    /// </summary>
    public readonly record struct PacedRound(
        double P50,
        double P99,
        double P999,
        long ConsumerSleeps,
        long ConsumerPreempted,
        long ProducerPreempted,
        double ConsumerQueuedMs,
        double ProducerQueuedMs,
        int Gen0Collections,
        double TailAfterWake,
        double OtherThreadsCpuMs,
        long OtherThreadsRuns,
        string OtherThreadsBusiest,
        long JitCompiled);

    /// <summary>
    /// Experiments only: <c>EDGE_BENCH_RING_HOT_SPIN_US</c> sets the ring's hot spin limit (µs) for every ring this
    /// harness builds; unset, the gateway's default.
    /// </summary>
    private static readonly TimeSpan? HotSpinOverride =
        int.TryParse(Environment.GetEnvironmentVariable("EDGE_BENCH_RING_HOT_SPIN_US"), out var us) ? TimeSpan.FromMicroseconds(us) : null;

    private sealed class SumHandler : IStageHandler<LatencySlot>
    {
        public long Sum;
        public long Count;
        public readonly ManualResetEventSlim Done = new();
        public long Expected;
        public PacedLatencies? Latencies;
        public SpinThenBlockWaitStrategy? Strategy;
        public ContextSwitches First;
        public ContextSwitches Last;
        private bool _batchStart = true;
        private bool _afterWake;
        private long _wakeUps;

        public void OnEvent(LatencySlot data, long sequence, bool endOfBatch)
        {
            if (Latencies is not null)
            {
                var latency = Stopwatch.GetTimestamp() - data.PublishedAt;
                if (Count == 0)
                {
                    First = ContextSwitches.OfThisThread();
                    _wakeUps = Strategy?.WakeUps ?? 0;
                }
                else if (_batchStart)
                {
                    // The first batch after a blocked wait: the strategy woke this (the only) consumer since the last batch.
                    var wakeUps = Strategy?.WakeUps ?? 0;
                    _afterWake = wakeUps != _wakeUps;
                    _wakeUps = wakeUps;
                }

                Latencies.Record(Count, latency, _afterWake);
                _batchStart = endOfBatch;
            }

            Sum += data.Value;
            if (++Count == Expected)
            {
                if (Latencies is not null)
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
        var (ring, stage, handler, cts) = StartRing(events, latencies: null);
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

    /// <summary>
    /// Hand-off latency (µs) at a paced rate through the ring with the gateway's default wait (or
    /// <paramref name="waitStrategy"/>, e.g. <see cref="BusySpinWaitStrategy"/> for the floor): percentiles, sleeps,
    /// preemptions, time without a core.
    /// </summary>
    public static PacedRound RingPacedLatency(int ratePerSecond, TimeSpan duration, IWaitStrategy? waitStrategy = null)
    {
        var events = (long)(ratePerSecond * duration.TotalSeconds);
        var latencies = new PacedLatencies(events);
        var (ring, stage, handler, cts) = StartRing(events, latencies, waitStrategy);
        LetTheJitSettle();
        var gen0 = GC.CollectionCount(0);
        var jit = System.Runtime.JitInfo.GetCompiledMethodCount();
        var threads = OtherThreads.Snapshot();
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
        gen0 = GC.CollectionCount(0) - gen0; // before the snapshot below, which allocates
        jit = System.Runtime.JitInfo.GetCompiledMethodCount() - jit;
        var others = OtherThreads.Between(threads, OtherThreads.Snapshot(), busiest: 2);
        cts.Cancel();
        stage.Join(TimeSpan.FromSeconds(10));
        var (p50, p99, p999) = latencies.Percentiles();
        var consumer = handler.Last - handler.First;
        return new PacedRound(p50, p99, p999, consumer.Voluntary, consumer.Involuntary, producer.Involuntary,
            consumer.QueuedMilliseconds, producer.QueuedMilliseconds, gen0, latencies.ShareAfterWakeAbove(p99), others.CpuMs, others.Runs, others.Busiest, jit);
    }

    /// <summary>
    /// Hand-off latency (µs) at a paced rate through the channel, configured as a user of one reader and one writer
    /// would: <c>SingleReader</c>, <c>SingleWriter</c>, and continuations not run synchronously (true would run the
    /// reader on the producer's thread inside <c>TryWrite</c>: no hand-off at all). No per-thread consumer counts: the
    /// reader's continuations run on pool threads.
    /// </summary>
    public static PacedRound ChannelPacedLatency(int ratePerSecond, TimeSpan duration)
    {
        var events = (long)(ratePerSecond * duration.TotalSeconds);
        var latencies = new PacedLatencies(events);
        var channel = Channel.CreateBounded<long>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        long asyncWaits = 0;
        var consumer = Task.Run(async () =>
        {
            long count = 0;
            while (count < events)
            {
                var wait = channel.Reader.WaitToReadAsync();
                if (!wait.IsCompleted)
                {
                    asyncWaits++; // nothing to read: the continuation goes through the pool (the Channel's "sleep")
                }

                if (!await wait.ConfigureAwait(false))
                {
                    break;
                }

                while (channel.Reader.TryRead(out var publishedAt))
                {
                    latencies.Record(count, Stopwatch.GetTimestamp() - publishedAt, afterWake: false);
                    count++;
                }
            }
        });
        LetTheJitSettle();
        var gen0 = GC.CollectionCount(0);
        var jit = System.Runtime.JitInfo.GetCompiledMethodCount();
        var threads = OtherThreads.Snapshot();
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
        gen0 = GC.CollectionCount(0) - gen0; // before the snapshot below, which allocates
        jit = System.Runtime.JitInfo.GetCompiledMethodCount() - jit;
        var others = OtherThreads.Between(threads, OtherThreads.Snapshot(), busiest: 1);
        var (p50, p99, p999) = latencies.Percentiles();
        return new PacedRound(p50, p99, p999, asyncWaits, -1, producer.Involuntary, -1, producer.QueuedMilliseconds, gen0, -1, others.CpuMs, others.Runs, others.Busiest, jit);
    }

    /// <summary>CPU use of this process (percent of one core) while a started ring sits idle.</summary>
    public static double RingIdleCpuPercent(TimeSpan duration)
    {
        var (_, stage, _, cts) = StartRing(long.MaxValue, latencies: null);
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
        var (ring, stage, handler, cts) = StartRing(events, latencies: null);
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

    private static (RingBuffer<LatencySlot>, EventProcessor<LatencySlot>, SumHandler, CancellationTokenSource) StartRing(
        long events, PacedLatencies? latencies, IWaitStrategy? waitStrategy = null)
    {
        waitStrategy ??= new SpinThenBlockWaitStrategy(hotSpinTime: HotSpinOverride);
        var ring = new RingBuffer<LatencySlot>(Capacity, static () => new LatencySlot(), waitStrategy);
        var handler = new SumHandler { Expected = events, Latencies = latencies, Strategy = waitStrategy as SpinThenBlockWaitStrategy };
        var stage = new EventProcessor<LatencySlot>("bench", ring, ring.NewBarrier(), handler, NullLogger.Instance);
        ring.AddGatingSequences(stage.Sequence);
        var cts = new CancellationTokenSource();
        stage.Start(cts.Token);
        return (ring, stage, handler, cts);
    }

    /// <summary>
    /// Before a measured round: let the runtime's tiered-compilation thread finish what the round's setup queued. The
    /// setup runs once per round, so its methods (thread start, /proc reads, collections) reach the tier-up threshold
    /// one by one over many rounds, and each was then compiled in the background during the round: a third runnable
    /// thread on two cores that both producer and consumer keep busy (12-126 ms of CPU in a first measured round).
    /// The tiering thread waits 100 ms after the last new call-counted method, then compiles.
    /// </summary>
    private static void LetTheJitSettle()
    {
        _ = OtherThreads.Snapshot(); // the same calls as the round's own snapshots, so that their tier-up happens now
        _ = ContextSwitches.OfThisThread();
        Thread.Sleep(300);
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
}
