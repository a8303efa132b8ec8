using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal;
using Reintegratie.Edge.Journal.Reading;
using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Benchmarks;

/// <summary>
/// Journal throughput: durable ingest (WAL, synchronous=FULL, hash chain, group commit of <see cref="Batch"/> events per
/// transaction) and export (read + JSON line formatting). Target: at least 100k events/s durable (DESIGN.md, Targets).
/// </summary>
[MemoryDiagnoser]
public class JournalBenchmarks
{
    /// <summary>Events per benchmark invocation.</summary>
    public const int Events = 100_000;

    private string _directory = string.Empty;
    private string _exportDb = string.Empty;
    private SiteModel _site = null!;

    /// <summary>Events per transaction (the ring hands the journal batches; endOfBatch commits).</summary>
    [Params(1000)]
    public int Batch { get; set; }

    /// <summary>Builds the site and a database to export.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "journal-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _site = SiteModel.Build(new SiteOptions
        {
            Zones = [new ZoneOptions { Id = "Z1" }],
            Sensors = [new SensorOptions { Id = "rid-1", Family = SensorFamily.RemoteId, Zone = "Z1" }, new SensorOptions { Id = "fence-1", Family = SensorFamily.Perimeter, Zone = "Z1" }],
        });
        _exportDb = Path.Combine(_directory, "export.db");
        Ingest(_exportDb, _site, Events, Batch);
    }

    /// <summary>Removes the databases.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, true);

    /// <summary>Durable ingest of <see cref="Events"/> drone and contact events.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public void DurableIngest()
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db");
        Ingest(path, _site, Events, Batch);
        foreach (var f in Directory.GetFiles(_directory, Path.GetFileName(path) + "*"))
        {
            File.Delete(f);
        }
    }

    /// <summary>Export of <see cref="Events"/> rows as JSON lines (to a null sink).</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long ExportJsonLines()
    {
        using var db = JournalDatabase.OpenReadOnly(_exportDb);
        long bytes = 0;
        foreach (var row in JournalReader.Query(db, new JournalQuery()))
        {
            bytes += JournalRowJson.ToJsonLine(row).Length;
        }

        return bytes;
    }

    /// <summary>
    /// Harness entry for <c>make bench</c>: ingests <paramref name="events"/> into a fresh journal in
    /// <paramref name="directory"/> with <paramref name="batch"/> events per transaction; returns events per second.
    /// </summary>
    public static double MeasureIngestEventsPerSecond(string directory, int events = Events, int batch = 1000)
    {
        var site = SiteModel.Build(new SiteOptions
        {
            Zones = [new ZoneOptions { Id = "Z1" }],
            Sensors = [new SensorOptions { Id = "rid-1", Family = SensorFamily.RemoteId, Zone = "Z1" }, new SensorOptions { Id = "fence-1", Family = SensorFamily.Perimeter, Zone = "Z1" }],
        });
        var path = Path.Combine(directory, "journal-bench.db");
        var sw = Stopwatch.StartNew();
        Ingest(path, site, events, batch);
        return events / sw.Elapsed.TotalSeconds;
    }

    private static void Ingest(string path, SiteModel site, int events, int batch)
    {
        using var writer = JournalWriter.Open(new JournalOptions { Path = path, MaxBatch = 4096 }, site, TimeProvider.System);
        var drone = new SensorEvent();
        drone.SetHeader(new EventHeader(EventKind.DroneDetection, SensorFamily.RemoteId, 0, 0, TimeProvider.System.GetUtcNow()));
        drone.Drone = DroneData.Unknown;
        drone.Drone.TrackId = FixedAscii32.From("TRK-0042");
        drone.Drone.UasId = FixedAscii32.From("1581F5FKD229400DF");
        drone.Drone.HasPosition = true;
        drone.Drone.Latitude = 50.9981;
        drone.Drone.Longitude = 5.8671;
        drone.Drone.AltitudeM = 42.5f;
        drone.Drone.SpeedMps = 7.2f;
        drone.Drone.HeadingDeg = 181f;
        drone.Drone.RssiDbm = -71f;
        var contact = new SensorEvent();
        contact.SetHeader(new EventHeader(EventKind.Perimeter, SensorFamily.Perimeter, 1, 0, TimeProvider.System.GetUtcNow()));
        contact.Perimeter = new PerimeterData { State = PerimeterState.Alarm, Mode = PerimeterMode.Contact, RawAdc = -1 };
        var start = writer.NextEventId;
        for (var i = 0; i < events; i++)
        {
            var e = (i & 7) == 0 ? contact : drone;
            e.EventId = start + i;
            e.At = e.At.AddTicks(10);
            writer.OnEvent(e, i, (i + 1) % batch == 0 || i == events - 1);
        }
    }
}
