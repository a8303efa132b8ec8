using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Fusion;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Core.Tests.Fusion;

/// <summary>An engine on the test site with a recording sink; builds events at T0 + seconds and feeds them.</summary>
internal sealed class FusionHarness
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 14, 22, 0, 0, TimeSpan.Zero);

    private long _nextId = 1;

    public FusionHarness(FusionOptions? options = null)
    {
        Site = FusionTestSite.Build();
        Options = options ?? new FusionOptions();
        Engine = new FusionEngine(Site, Options, Sink, NullLogger.Instance);
    }

    public SiteModel Site { get; }

    public FusionOptions Options { get; }

    public RecordingAlertSink Sink { get; } = new();

    public FusionEngine Engine { get; set; }

    public SensorEvent Feed(SensorEvent e)
    {
        Engine.OnEvent(e, e.EventId, true);
        return e;
    }

    public SensorEvent New(EventKind kind, string? sensor, double seconds, int zone = -1)
    {
        var s = Site.SensorIndexOf(sensor);
        var e = new SensorEvent { EventId = _nextId++ };
        e.SetHeader(new EventHeader(kind, s >= 0 ? Site.Sensors[s].Family : SensorFamily.Gateway, s, zone, T0.AddSeconds(seconds)));
        return e;
    }

    public SensorEvent Tick(double seconds) => Feed(New(EventKind.Tick, null, seconds));

    /// <summary>Ticks every second from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public void Ticks(double from, double to)
    {
        for (var t = from; t <= to; t++)
        {
            Tick(t);
        }
    }

    public SensorEvent Drone(string sensor, double seconds, string track, int zone, double offsetLat = 0)
    {
        var (lat, lon) = FusionTestSite.Centre(zone);
        var e = New(EventKind.DroneDetection, sensor, seconds);
        e.Drone = DroneData.Unknown;
        e.Drone.TrackId = FixedAscii32.From(track);
        e.Drone.TrackKey = e.Drone.TrackId.StableHash();
        e.Drone.HasPosition = true;
        e.Drone.Latitude = lat + offsetLat;
        e.Drone.Longitude = lon;
        e.Drone.AltitudeM = 40;
        e.Drone.Classification = DroneClass.UavRotaryWing;
        return Feed(e);
    }

    public SensorEvent Perimeter(string sensor, double seconds, PerimeterState state)
    {
        var e = New(EventKind.Perimeter, sensor, seconds);
        e.Perimeter = new PerimeterData { State = state, RawAdc = -1 };
        return Feed(e);
    }

    public SensorEvent Health(string sensor, double seconds, SensorStatus status, string reason, EventKind kind = EventKind.SensorHealth)
    {
        var e = New(kind, sensor, seconds);
        e.Health = new HealthData { Status = status, Reason = FixedAscii32.From(reason) };
        return Feed(e);
    }

    public SensorEvent Handset(double seconds, byte seed, bool newInZone = true, string sensor = "gsm-1")
    {
        var e = New(EventKind.Handset, sensor, seconds);
        Span<byte> hmac = stackalloc byte[32];
        hmac.Fill(seed);
        e.Handset = new HandsetData { NewInZone = newInZone, Channel = -1, Mnc = -1, UplinkDbm = float.NaN };
        e.Handset.Imsi.Set(hmac, 1);
        return Feed(e);
    }

    public SensorEvent Bodycam(double seconds, string recordingId, double start, double end, int zone)
    {
        var e = New(EventKind.Bodycam, "bwc-1", seconds, zone);
        e.Attachment = new BodycamRecording
        {
            RecordingId = recordingId, DeviceSerial = "BWC-0001", WearerPseudonym = "k1:00", Start = T0.AddSeconds(start), End = T0.AddSeconds(end),
            Sha256 = new string('a', 64), SizeBytes = 1000, Trigger = "manual", Unit = "perimeter", UploadedAt = T0.AddSeconds(seconds), SourceSystem = "dock",
        };
        return Feed(e);
    }

    /// <summary>Feeds a command; the result is null when fusion did not complete it while handling the event.</summary>
    public (SensorEvent Event, CommandResult? Result) Command(double seconds, OperatorCommand command)
    {
        var done = new TaskCompletionSource<CommandResult>();
        var e = New(EventKind.Command, null, seconds);
        e.Attachment = command with { Completion = done };
        Feed(e);
        return (e, done.Task.IsCompletedSuccessfully ? done.Task.Result : null);
    }
}
