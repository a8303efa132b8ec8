using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Cli;
using Reintegratie.Edge.Cli.Commands;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Cli.Tests.Log;

/// <summary>A journal with known content in a temp directory, a site config file, and a way to run edgectl.</summary>
public sealed class LogFixture : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 9, 14, 10, 0, 0, TimeSpan.Zero);

    private long _nextId = 1;

    public LogFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "log-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Db = Path.Combine(Directory, "journal.db");
        Config = Path.Combine(Directory, "site.json");
        File.WriteAllText(Config, SiteJson);
        Site = SiteModel.Build(new SiteOptions
        {
            Zones = [new ZoneOptions { Id = "Z1" }, new ZoneOptions { Id = "Z2" }],
            Sensors = [new SensorOptions { Id = "rid-1", Family = SensorFamily.RemoteId, Zone = "Z1" }, new SensorOptions { Id = "fence-2", Family = SensorFamily.Perimeter, Zone = "Z2" }],
        });
        Time = new FakeTimeProvider(T0);
    }

    public const string SiteJson = """
        {
          // gateway configuration, Site section only
          "Site": {
            "Name": "PI Testdorp",
            "Geofence": [ { "Lat": 50.9990, "Lon": 5.8650 }, { "Lat": 50.9990, "Lon": 5.8700 }, { "Lat": 50.9960, "Lon": 5.8700 }, { "Lat": 50.9960, "Lon": 5.8650 } ],
            "Zones": [
              { "Id": "Z1", "Name": "Noordhek", "Adjacent": [ "Z2" ], "Polygon": [ { "Lat": 50.9985, "Lon": 5.8655 }, { "Lat": 50.9985, "Lon": 5.8695 }, { "Lat": 50.9976, "Lon": 5.8695 }, { "Lat": 50.9976, "Lon": 5.8655 } ] },
              { "Id": "Z2", "Name": "Zuidhek", "Polygon": [ { "Lat": 50.9974, "Lon": 5.8655 }, { "Lat": 50.9974, "Lon": 5.8695 }, { "Lat": 50.9964, "Lon": 5.8695 }, { "Lat": 50.9964, "Lon": 5.8655 } ] }
            ],
            "Sensors": [
              { "Id": "rid-1", "Family": "RemoteId", "Zone": "Z1" },
              { "Id": "fence-2", "Family": "Perimeter", "Zone": "Z2", "ReportingSeconds": "30" }
            ]
          }
        }
        """;

    public string Directory { get; }

    public string Db { get; }

    public string Config { get; }

    public SiteModel Site { get; }

    public FakeTimeProvider Time { get; }

    public JournalWriter OpenWriter() => JournalWriter.Open(new JournalOptions { Path = Db, Sync = JournalSync.EachCommit }, Site, Time); // a head per commit

    /// <summary>
    /// The report fixture: in 2026-T3 three alerts (A1 drone Z1 acked after 60 s at 10:00; A2 perimeter breach Z1+Z2
    /// acked after 120 s at 22:00; A3 drone Z2 at 22:30, not acked), and one alert A4 in T2 that must not count.
    /// Six drone events in Z1 and two perimeter events in Z2 in T3; one drone event in T2.
    /// </summary>
    public void WriteReportFixture()
    {
        using var w = OpenWriter();
        var t2 = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        Alert(w, Drone(t2), "A4", AlertKind.DroneIncursion, ["Z1"], t2, null);
        var a1 = T0;
        Alert(w, Drone(a1), "A1", AlertKind.DroneIncursion, ["Z1"], a1, TimeSpan.FromSeconds(60));
        var a2 = new DateTimeOffset(2026, 10, 1, 22, 0, 0, TimeSpan.Zero);
        Alert(w, Perimeter(a2), "A2", AlertKind.PerimeterBreach, ["Z1", "Z2"], a2, TimeSpan.FromSeconds(120));
        var a3 = new DateTimeOffset(2026, 11, 5, 22, 30, 0, TimeSpan.Zero);
        Alert(w, Drone(a3), "A3", AlertKind.DroneIncursion, ["Z2"], a3, null);
        for (var i = 0; i < 4; i++)
        {
            w.OnEvent(Drone(a1.AddMinutes(i + 1)), 0, false);
        }

        w.OnEvent(Perimeter(a2.AddMinutes(1)), 0, true);
    }

    public void WriteEvents(int n)
    {
        using var w = OpenWriter();
        for (var i = 0; i < n; i++)
        {
            w.OnEvent(i % 2 == 0 ? Drone(T0.AddSeconds(i)) : Perimeter(T0.AddSeconds(i)), i, i == n - 1);
        }
    }

    public SensorEvent Drone(DateTimeOffset at)
    {
        var e = new SensorEvent();
        e.SetHeader(new EventHeader(EventKind.DroneDetection, SensorFamily.RemoteId, 0, 0, at));
        e.EventId = _nextId++;
        e.Drone = DroneData.Unknown;
        e.Drone.TrackId = FixedAscii32.From("TRK-1");
        return e;
    }

    public SensorEvent Perimeter(DateTimeOffset at)
    {
        var e = new SensorEvent();
        e.SetHeader(new EventHeader(EventKind.Perimeter, SensorFamily.Perimeter, 1, 1, at));
        e.EventId = _nextId++;
        e.Perimeter = new PerimeterData { State = PerimeterState.Alarm, RawAdc = -1 };
        return e;
    }

    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null));
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, true);
        }
        catch (IOException)
        {
        }
    }

    private static void Alert(JournalWriter w, SensorEvent cause, string id, AlertKind kind, IReadOnlyList<string> zones, DateTimeOffset at, TimeSpan? ack)
    {
        var first = new AlertSnapshot
        {
            Id = id,
            Revision = 1,
            Kind = kind,
            Severity = kind == AlertKind.PerimeterBreach ? Severity.Critical : Severity.High,
            Zones = zones,
            Title = "test",
            FirstSeen = at,
            LastSeen = at,
            Sensors = [kind == AlertKind.PerimeterBreach ? "fence-2" : "rid-1"],
        };
        w.OnAlertChange(new AlertChange { Type = AlertChangeType.New, After = first }, cause.EventId);
        w.OnEvent(cause, 0, false);
        if (ack is { } a)
        {
            var acked = first with { Revision = 2, Acknowledged = new Acknowledgement("operator", at + a, null) };
            var tick = new SensorEvent();
            tick.SetHeader(new EventHeader(EventKind.Tick, SensorFamily.Gateway, -1, -1, at + a));
            tick.EventId = cause.EventId;
            w.OnAlertChange(new AlertChange { Type = AlertChangeType.Update, Before = first, After = acked }, cause.EventId);
            w.OnEvent(tick, 0, false);
        }

        w.Flush();
    }
}
