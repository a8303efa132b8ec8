using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Fusion;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Benchmarks;

/// <summary>
/// Fusion throughput with the full rule set: a mixed stream of drone detections (4 tracks, 2 families) and fence
/// contact events (alarm/restore on 3 inputs), 1,000 events per second of event time, so sweeps, rate-limited
/// revisions and quiet-period ends all run. One operation = <see cref="EventsPerOp"/> events; allocated bytes are
/// per operation (divide by <see cref="EventsPerOp"/> for bytes per event).
/// </summary>
[MemoryDiagnoser]
public class FusionBenchmarks
{
    /// <summary>Events per benchmark operation.</summary>
    public const int EventsPerOp = 10_000;

    private static readonly DateTimeOffset s_t0 = new(2025, 3, 14, 22, 0, 0, TimeSpan.Zero);
    private readonly NullSink _sink = new();
    private SensorEvent[] _events = [];
    private FusionEngine _engine = null!;
    private long _round;

    /// <summary>Builds the site, the engine and a pre-made event stream.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var site = SiteModel.Build(new SiteOptions
        {
            Name = "PI Bench",
            Geofence = Square(50.99, 4.99, 51.01, 5.01),
            Zones =
            [
                new ZoneOptions { Id = "north", Name = "Noordhek", Adjacent = ["east"], Polygon = Square(51.000, 5.000, 51.001, 5.001) },
                new ZoneOptions { Id = "east", Name = "Oosthek", Adjacent = ["south"], Polygon = Square(51.000, 5.001, 51.001, 5.002) },
                new ZoneOptions { Id = "south", Name = "Zuidhek", Polygon = Square(51.000, 5.002, 51.001, 5.003) },
            ],
            Sensors =
            [
                new SensorOptions { Id = "rid-1", Family = SensorFamily.RemoteId },
                new SensorOptions { Id = "sap-1", Family = SensorFamily.Sapient },
                new SensorOptions { Id = "hek-1", Family = SensorFamily.Perimeter, Zone = "north" },
                new SensorOptions { Id = "hek-2", Family = SensorFamily.Perimeter, Zone = "east" },
                new SensorOptions { Id = "hek-3", Family = SensorFamily.Perimeter, Zone = "south" },
            ],
        });
        _engine = new FusionEngine(site, new FusionOptions(), _sink, NullLogger.Instance);
        _events = new SensorEvent[EventsPerOp];
        for (var i = 0; i < EventsPerOp; i++)
        {
            var e = new SensorEvent();
            if (i % 4 == 3)
            {
                e.SetHeader(new EventHeader(EventKind.Perimeter, SensorFamily.Perimeter, 2 + (i / 4 % 3), -1, s_t0));
                e.Perimeter.State = i / 12 % 2 == 0 ? PerimeterState.Alarm : PerimeterState.Normal;
            }
            else
            {
                var track = i % 4;
                e.SetHeader(new EventHeader(EventKind.DroneDetection, track == 1 ? SensorFamily.Sapient : SensorFamily.RemoteId, track == 1 ? 1 : 0, -1, s_t0));
                e.Drone = DroneData.Unknown;
                e.Drone.TrackKey = (ulong)track + 1;
                e.Drone.HasPosition = true;
                e.Drone.Latitude = 51.0005 + (track * 0.002);
                e.Drone.Longitude = 5.0005 + (i % 3 * 0.001);
                e.Drone.Classification = DroneClass.UavRotaryWing;
            }

            _events[i] = e;
        }
    }

    /// <summary>Feeds <see cref="EventsPerOp"/> events at 1,000 events per second of event time.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerOp)]
    public void MixedDroneAndContactStream()
    {
        var baseMs = _round++ * EventsPerOp;
        for (var i = 0; i < _events.Length; i++)
        {
            var e = _events[i];
            e.At = s_t0.AddMilliseconds(baseMs + i);
            e.EventId = baseMs + i;
            _engine.OnEvent(e, e.EventId, false);
        }
    }

    /// <summary>Alert changes published so far (keeps the sink's work observable).</summary>
    public long Published => _sink.Count;

    private static List<GeoPoint> Square(double lat0, double lon0, double lat1, double lon1) =>
    [
        new GeoPoint { Lat = lat0, Lon = lon0 },
        new GeoPoint { Lat = lat0, Lon = lon1 },
        new GeoPoint { Lat = lat1, Lon = lon1 },
        new GeoPoint { Lat = lat1, Lon = lon0 },
    ];

    private sealed class NullSink : IAlertSink
    {
        public long Count { get; private set; }

        public void OnAlertChange(AlertChange change, long causeEventId) => Count++;

        public void OnNote(JournalNote note, long causeEventId) => Count++;
    }
}
