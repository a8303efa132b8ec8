using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Pipeline;

namespace Reintegratie.Edge.Benchmarks.Harness;

/// <summary>
/// What the ring's waits cost at a moderate rate: three chained stages (the gateway's fusion, journal and events
/// shape) with empty handlers, fed one event at a time at a paced rate by a producer that sleeps between events.
/// At 1k/s nearly every wait ends in a sleep and a wake-up, the cost the lead's profile showed in every stage thread
/// (the kernel's sleep/wake path, sched_yield); this measures it without the journal and MQTT work around it.
/// </summary>
public static class RingStagesCpu
{
    /// <summary>CPU of the three stage threads per event (µs, summed) and their sleeps per event (summed).</summary>
    public readonly record struct Result(double CpuMicrosecondsPerEvent, double SleepsPerEvent, double[] CpuMicrosecondsByStage);

    private sealed class Stage : IStageHandler<LatencySlot>
    {
        private readonly long _last;

        public Stage(long last) => _last = last;

        public (long RunNs, ContextSwitches Switches) First { get; private set; }

        public (long RunNs, ContextSwitches Switches) Last { get; private set; }

        public ManualResetEventSlim Done { get; } = new();

        public void OnEvent(LatencySlot data, long sequence, bool endOfBatch)
        {
            if (sequence == 0)
            {
                First = (RunNanoseconds(), ContextSwitches.OfThisThread());
            }
            else if (sequence == _last)
            {
                Last = (RunNanoseconds(), ContextSwitches.OfThisThread());
                Done.Set();
            }
        }
    }

    /// <summary>Runs <paramref name="events"/> events (plus one that starts the counts) at <paramref name="ratePerSecond"/>.</summary>
    public static Result Measure(int ratePerSecond, long events)
    {
        var ring = new RingBuffer<LatencySlot>(4096, static () => new LatencySlot(), new SpinThenBlockWaitStrategy());
        var handlers = new[] { new Stage(events), new Stage(events), new Stage(events) };
        var fusion = new EventProcessor<LatencySlot>("bench-a", ring, ring.NewBarrier(), handlers[0], NullLogger.Instance);
        var journal = new EventProcessor<LatencySlot>("bench-b", ring, ring.NewBarrier(fusion.Sequence), handlers[1], NullLogger.Instance);
        var feed = new EventProcessor<LatencySlot>("bench-c", ring, ring.NewBarrier(journal.Sequence), handlers[2], NullLogger.Instance);
        ring.AddGatingSequences(feed.Sequence);
        using var cts = new CancellationTokenSource();
        EventProcessor<LatencySlot>[] stages = [fusion, journal, feed];
        foreach (var stage in stages)
        {
            stage.Start(cts.Token);
        }

        var interval = TimeSpan.FromSeconds(1.0 / ratePerSecond);
        var clock = Stopwatch.StartNew();
        for (long i = 0; i <= events; i++)
        {
            var left = (interval * i) - clock.Elapsed;
            if (left > TimeSpan.Zero)
            {
                Thread.Sleep(left); // a sleeping producer, like the gateway's pty reader between frames
            }

            var s = ring.Next();
            ring[s].PublishedAt = Stopwatch.GetTimestamp();
            ring.Publish(s);
        }

        foreach (var handler in handlers)
        {
            handler.Done.Wait();
        }

        cts.Cancel();
        foreach (var stage in stages)
        {
            stage.Join(TimeSpan.FromSeconds(10));
        }

        var byStage = handlers.Select(h => (h.Last.RunNs - h.First.RunNs) / 1000.0 / events).ToArray();
        var sleeps = handlers.Sum(h => (double)(h.Last.Switches - h.First.Switches).Voluntary) / events;
        return new Result(byStage.Sum(), sleeps, byStage);
    }

    /// <summary>Nanoseconds the calling thread has run on a CPU (/proc/thread-self/schedstat, first field); 0 when unreadable.</summary>
    private static long RunNanoseconds()
    {
        try
        {
            var text = File.ReadAllText("/proc/thread-self/schedstat");
            return long.Parse(text.AsSpan(0, text.IndexOf(' ')), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
