using System.Diagnostics;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Pipeline;
using Reintegratie.Edge.Journal;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// What a durable commit costs per event, the old way (<see cref="JournalSync.EachCommit"/>: a transaction with its own
/// fsync per event) beside the new (<see cref="JournalSync.Group"/>: commits without a sync, one fsync of the WAL on the
/// sync thread for every commit since the last), in the same run on the same disk. Every event is its own ring batch
/// (end-of-batch on each), which is how events arrive at 1k ev/s. Measured: the journal thread's time per event
/// (<see cref="JournalWriter.OnEvent"/>), the process CPU per event (all threads), fsyncs per event, and the time from
/// the event to "durable" as the events stage sees it (<see cref="JournalWriter.AfterDurable"/>); then the most events
/// per second one journal thread commits durably when nothing paces it. <c>inline</c>: the group sync with
/// <see cref="JournalWriter.SyncInlineWhenIdle"/> as the gateway runs it (the ring holds nothing behind each event, so
/// the journal thread runs the fsync itself and no sync thread is woken).
/// </summary>
internal static class JournalCommitCost
{
    public sealed record Result(JournalSync Mode, bool Inline, int Rate, long Events, double ThreadUsPerEvent, double ThreadCpuUsPerEvent, double CpuUsPerEvent, double CpuPercent, double SyncsPerEvent, double DurableP50Us, double DurableP99Us);

    /// <summary>Paced at <paramref name="rate"/> events/s for <paramref name="events"/> events.</summary>
    public static Result Paced(JournalSync mode, int rate, int events, bool inline = false) => Measure(mode, rate, events, inline);

    /// <summary>Unpaced: the most events/s committed durably, one event per batch.</summary>
    public static Result Max(JournalSync mode, int events, bool inline = false) => Measure(mode, 0, events, inline);

    /// <summary>"Group", "Group inline" or "EachCommit".</summary>
    public static string Name(Result r) => r.Inline ? $"{r.Mode} inline" : r.Mode.ToString();

    private static Result Measure(JournalSync mode, int rate, int events, bool inline)
    {
        var dir = Directory.CreateTempSubdirectory("edge-commit-bench-").FullName;
        try
        {
            using var journal = JournalWriter.Open(new JournalOptions { Path = Path.Combine(dir, "journal.db"), Sync = mode }, JournalThroughput.Site, TimeProvider.System);
            var started = new long[events];
            var durable = new long[events];
            var probe = new DurableProbe(durable);
            var gate = journal.AfterDurable(probe);
            var e = new SensorEvent();
            var d = DroneData.Unknown;
            d.TrackId = FixedAscii32.From("BENCH1");
            d.HasBearing = true;
            d.BearingDeg = 45;
            d.Classification = DroneClass.UavTransmitter;
            var at = TimeProvider.System.GetUtcNow();
            var baseId = journal.NextEventId;
            long newest = 0;
            if (inline)
            {
                journal.SyncInlineWhenIdle(() => Volatile.Read(ref newest)); // the ring holds nothing behind the event being journaled
            }

            using var published = new SemaphoreSlim(0);
            using var stop = new CancellationTokenSource();
            var events2 = new Thread(() =>
            {
                // The events stage: waits for each event to be durable, as the gateway's does.
                try
                {
                    for (long s = 0; s < events && published.Wait(Timeout.Infinite, stop.Token); s++)
                    {
                        gate.OnEvent(e, s, true);
                    }
                }
                catch (OperationCanceledException)
                {
                    // the run gave up waiting (reported below)
                }
            }) { IsBackground = true };
            events2.Start();
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            long inJournal = 0;
            double inJournalCpu = 0;
            var wall = Stopwatch.StartNew();
            void Send(long i)
            {
                e.SetHeader(new EventHeader(EventKind.DroneDetection, SensorFamily.RfDetector, 0, 0, at.AddTicks(i)));
                e.EventId = baseId + i;
                e.Drone = d;
                var t0 = Stopwatch.GetTimestamp();
                var c0 = CallingThreadCpu.Microseconds();
                started[i] = t0;
                Volatile.Write(ref newest, i);
                journal.OnEvent(e, i, endOfBatch: true);
                inJournalCpu += CallingThreadCpu.Microseconds() - c0;
                inJournal += Stopwatch.GetTimestamp() - t0;
                published.Release(); // the events stage may look at sequence i now (it is gated after the journal)
            }

            if (rate > 0)
            {
                Pacer.Run(rate, events, Send);
            }
            else
            {
                for (long i = 0; i < events; i++)
                {
                    Send(i);
                }
            }

            if (!events2.Join(TimeSpan.FromSeconds(60)))
            {
                stop.Cancel();
                throw new InvalidOperationException($"{mode}: the events stage never saw every event durable");
            }

            var seconds = wall.Elapsed.TotalSeconds;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpu0).TotalMicroseconds;
            var latencies = Enumerable.Range(0, events).Select(i => Stopwatch.GetElapsedTime(started[i], durable[i]).TotalMicroseconds).Order().ToArray();
            var syncs = mode == JournalSync.Group ? journal.Syncs : events;
            return new Result(mode, inline, rate > 0 ? rate : (int)(events / seconds), events,
                Stopwatch.GetElapsedTime(0, inJournal).TotalMicroseconds / events, inJournalCpu / events, cpu / events, cpu / 1e4 / seconds,
                syncs / (double)events, latencies[latencies.Length / 2], latencies[(int)(latencies.Length * 0.99)]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Stands in for the events stage: stamps when each ring sequence got through the gate.</summary>
    private sealed class DurableProbe(long[] durable) : IStageHandler<SensorEvent>
    {
        public void OnEvent(SensorEvent data, long sequence, bool endOfBatch) => durable[sequence] = Stopwatch.GetTimestamp();
    }
}
