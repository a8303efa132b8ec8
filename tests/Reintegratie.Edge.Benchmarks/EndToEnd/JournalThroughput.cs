using System.Diagnostics;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// journal_events_per_s: <see cref="JournalWriter"/> on a temp file with its defaults (WAL, group sync, every row
/// hash-chained), fed drone events through <see cref="JournalWriter.OnEvent"/> with end-of-batch every 1000 events,
/// i.e. one commit per 1000 events, made durable by the sync thread (and the last by <see cref="JournalWriter.Flush"/>).
/// </summary>
internal static class JournalThroughput
{
    /// <summary>Events per second (wall) and the journal thread's CPU per event (µs), the load-independent figure.</summary>
    public sealed record Result(double EventsPerSecond, double ThreadCpuUsPerEvent);

    public static SiteModel Site { get; } = SiteModel.Build(new SiteOptions
    {
        Name = "bench",
        Zones = [new ZoneOptions { Id = "Z1", Name = "Noordhek" }],
        Sensors = [new SensorOptions { Id = "rf-1", Family = SensorFamily.RfDetector, Zone = "Z1" }],
    });

    public static Result Measure(int events)
    {
        var dir = Directory.CreateTempSubdirectory("edge-journal-bench-").FullName;
        try
        {
            using var journal = JournalWriter.Open(new JournalOptions { Path = Path.Combine(dir, "journal.db") }, Site, TimeProvider.System);
            var e = new SensorEvent();
            var d = DroneData.Unknown;
            d.TrackId = FixedAscii32.From("BENCH1");
            d.HasBearing = true;
            d.BearingDeg = 45;
            d.FrequencyMhz = 2437.5f;
            d.Classification = DroneClass.UavTransmitter;
            var cpu0 = CallingThreadCpu.Microseconds();
            var start = Stopwatch.GetTimestamp();
            var at = TimeProvider.System.GetUtcNow();
            for (var i = 0; i < events; i++)
            {
                e.SetHeader(new EventHeader(EventKind.DroneDetection, SensorFamily.RfDetector, 0, 0, at.AddTicks(i)));
                e.EventId = journal.NextEventId + i;
                e.Drone = d;
                journal.OnEvent(e, i, endOfBatch: (i + 1) % 1000 == 0);
            }

            journal.Flush();
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var cpu = CallingThreadCpu.Microseconds() - cpu0;
            if (journal.Head.Seq < events)
            {
                throw new InvalidOperationException($"journal head {journal.Head.Seq} after {events} events: rows were lost");
            }

            return new Result(events / seconds, cpu / events);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
