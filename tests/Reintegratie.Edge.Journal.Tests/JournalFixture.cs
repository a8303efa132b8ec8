using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Journal.Tests;

/// <summary>A temp directory with a journal path, a small site and event/alert builders.</summary>
public sealed class JournalFixture : IDisposable
{
    public JournalFixture()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "journal-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "journal.db");
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 9, 14, 10, 0, 0, TimeSpan.Zero));
        Site = SiteModel.Build(new SiteOptions
        {
            Name = "PI Test",
            Zones =
            [
                new ZoneOptions { Id = "Z1", Name = "Noordhek", Adjacent = ["Z2"] },
                new ZoneOptions { Id = "Z2", Name = "Oosthek" },
                new ZoneOptions { Id = "wing-b", Name = "Afdeling B", Kind = "wing" },
            ],
            Sensors =
            [
                new SensorOptions { Id = "rid-1", Family = SensorFamily.RemoteId, Zone = "Z1" },
                new SensorOptions { Id = "fence-1", Family = SensorFamily.Perimeter, Zone = "Z1" },
                new SensorOptions { Id = "gsm-1", Family = SensorFamily.Gsm, Zone = "wing-b" },
                new SensorOptions { Id = "cam-dock", Family = SensorFamily.Bodycam },
            ],
        });
    }

    public string Directory { get; }

    public string Path { get; }

    public FakeTimeProvider Time { get; }

    public SiteModel Site { get; }

    public long NextId { get; set; } = 1;

    public JournalOptions Options(Action<JournalOptions>? configure = null)
    {
        // Each commit durable at once, so a test sees the head, the outbox and command completions right after OnEvent;
        // GroupCommitTests cover the default group sync.
        var o = new JournalOptions { Path = Path, Sync = JournalSync.EachCommit };
        configure?.Invoke(o);
        return o;
    }

    public JournalWriter Open(Action<JournalOptions>? configure = null) => JournalWriter.Open(Options(configure), Site, Time);

    /// <summary>A read-only connection to the journal, opened (as edgectl reads it).</summary>
    public SqliteConnection OpenReadOnly()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        c.Open();
        return c;
    }

    public SqliteConnection OpenRaw() => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());

    public SensorEvent Drone(DateTimeOffset? at = null)
    {
        var e = Header(EventKind.DroneDetection, SensorFamily.RemoteId, 0, 0, at);
        e.Drone = DroneData.Unknown;
        e.Drone.TrackId = FixedAscii32.From("TRK-7");
        e.Drone.UasId = FixedAscii32.From("1581F5FKD229400DF");
        e.Drone.HasPosition = true;
        e.Drone.Latitude = 50.9981;
        e.Drone.Longitude = 5.8671;
        e.Drone.AltitudeM = 42.5f;
        e.Drone.Classification = DroneClass.UavRotaryWing;
        return e;
    }

    public SensorEvent Perimeter(PerimeterState state = PerimeterState.Alarm, DateTimeOffset? at = null)
    {
        var e = Header(EventKind.Perimeter, SensorFamily.Perimeter, 1, 0, at);
        e.Perimeter = new PerimeterData { State = state, Previous = PerimeterState.Normal, Mode = PerimeterMode.Contact, RawAdc = -1 };
        return e;
    }

    public SensorEvent Handset(DateTimeOffset? at = null)
    {
        var e = Header(EventKind.Handset, SensorFamily.Gsm, 2, 2, at);
        e.Handset = default;
        var bytes = new byte[32];
        bytes[0] = 0xAB;
        e.Handset.Imsi.Set(bytes, 3);
        e.Handset.Technology = RadioTechnology.Lte;
        e.Handset.UplinkDbm = -61.5f;
        e.Handset.Mcc = 204;
        e.Handset.Mnc = 8;
        return e;
    }

    public SensorEvent Bodycam(string recordingId, DateTimeOffset? at = null)
    {
        var e = Header(EventKind.Bodycam, SensorFamily.Bodycam, 3, -1, at);
        var when = at ?? Time.GetUtcNow();
        e.Attachment = new BodycamRecording
        {
            RecordingId = recordingId,
            DeviceSerial = "BC-0042",
            WearerPseudonym = "k1:00112233445566778899aabbccddeeff",
            Start = when.AddMinutes(-5),
            End = when,
            Sha256 = new string('a', 64),
            SizeBytes = 1234,
            Trigger = "manual",
            Unit = "wing-b",
            UploadedAt = when,
            SourceSystem = "dock",
        };
        return e;
    }

    public SensorEvent Command(string alertId)
    {
        var e = Header(EventKind.Command, SensorFamily.Gateway, -1, -1, null);
        e.Attachment = new OperatorCommand
        {
            Verb = CommandVerb.Ack,
            Sender = "console-1",
            AlertId = alertId,
            Operator = "J. de Vries",
            Completion = new TaskCompletionSource<CommandResult>(),
            Journaled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        return e;
    }

    public SensorEvent Tick(DateTimeOffset? at = null) => Header(EventKind.Tick, SensorFamily.Gateway, -1, -1, at);

    public SensorEvent Header(EventKind kind, SensorFamily family, int sensor, int zone, DateTimeOffset? at)
    {
        var e = new SensorEvent();
        e.SetHeader(new EventHeader(kind, family, sensor, zone, at ?? Time.GetUtcNow()));
        e.EventId = NextId++;
        return e;
    }

    public static AlertChange Change(string id, int revision, AlertChangeType type, Severity severity = Severity.High,
        AlertKind kind = AlertKind.DroneIncursion, DateTimeOffset? at = null, IReadOnlyList<string>? bodycams = null, Acknowledgement? ack = null)
    {
        var t = at ?? new DateTimeOffset(2026, 9, 14, 10, 0, 0, TimeSpan.Zero);
        var after = new AlertSnapshot
        {
            Id = id,
            Revision = revision,
            Kind = kind,
            Severity = severity,
            Zones = ["Z1"],
            Title = "Drone boven het terrein",
            FirstSeen = t,
            LastSeen = t,
            EndedAt = type == AlertChangeType.End ? t : null,
            Sensors = ["rid-1"],
            BodycamRecordings = bodycams ?? [],
            Acknowledged = ack,
        };
        return new AlertChange { Type = type, After = after, Before = revision > 1 ? after with { Revision = revision - 1 } : null };
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
}
