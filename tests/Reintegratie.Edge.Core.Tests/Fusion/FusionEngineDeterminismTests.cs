using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Tests.Fusion;

public class FusionEngineDeterminismTests
{
    /// <summary>A recorded mixed sequence: drones, alarms, restores, tamper, health, handsets, bodycam, commands, ticks.</summary>
    private static List<SensorEvent> Record(int seed, FusionHarness? ids = null, double offset = 0)
    {
        var rec = ids ?? new FusionHarness();
        var list = new List<SensorEvent>();
        var random = new Random(seed);
        string[] perimeter = ["net-1", "hek-2", "hek-3", "hek-5"];
        for (var t = offset; t < offset + 1800; t += 0.5)
        {
            switch (random.Next(12))
            {
                case 0 or 1 or 2:
                    var e = rec.New(EventKind.DroneDetection, random.Next(2) == 0 ? "rid-1" : "sap-1", t);
                    var (lat, lon) = FusionTestSite.Centre(random.Next(5));
                    e.Drone = DroneData.Unknown;
                    e.Drone.TrackId = Events.FixedAscii32.From($"T{random.Next(3)}");
                    e.Drone.TrackKey = e.Drone.TrackId.StableHash();
                    e.Drone.HasPosition = true;
                    e.Drone.Latitude = lat;
                    e.Drone.Longitude = lon;
                    list.Add(e);
                    break;
                case 3:
                    var p = rec.New(EventKind.Perimeter, perimeter[random.Next(4)], t);
                    p.Perimeter.State = (PerimeterState)random.Next(5);
                    list.Add(p);
                    break;
                case 4:
                    var hs = rec.New(EventKind.SensorHealth, "sap-1", t);
                    hs.Health.Status = (SensorStatus)random.Next(4);
                    hs.Health.Reason.Set("heartbeat_timeout");
                    list.Add(hs);
                    break;
                case 5:
                    var ph = rec.New(EventKind.Handset, "gsm-1", t);
                    ph.Handset.NewInZone = true;
                    ph.Handset.Imsi.Set(Enumerable.Repeat((byte)random.Next(256), 32).ToArray(), 1);
                    list.Add(ph);
                    break;
                case 6 when random.Next(10) == 0:
                    var b = rec.New(EventKind.Bodycam, "bwc-1", t, random.Next(5));
                    b.Attachment = new BodycamRecording
                    {
                        RecordingId = $"R{random.Next(1000)}", DeviceSerial = "S", WearerPseudonym = "k1:00", Start = FusionHarness.T0.AddSeconds(t - 60),
                        End = FusionHarness.T0.AddSeconds(t), Sha256 = "00", SizeBytes = 1, Trigger = "manual", Unit = "u", UploadedAt = FusionHarness.T0.AddSeconds(t), SourceSystem = "d",
                    };
                    list.Add(b);
                    break;
                case 7 when random.Next(50) == 0:
                    var c = rec.New(EventKind.Command, null, t);
                    c.Attachment = new OperatorCommand { Verb = CommandVerb.Bypass, Sender = "x", Zone = "east", Until = FusionHarness.T0.AddSeconds(t + 120), Reason = "test" };
                    list.Add(c);
                    break;
                default:
                    list.Add(rec.New(EventKind.Tick, null, t));
                    break;
            }
        }

        return list;
    }

    private static List<string> Run(List<SensorEvent> events, List<long>? clockIds = null)
    {
        var h = new FusionHarness();
        h.Sink.ClockIds = clockIds;
        foreach (var e in events)
        {
            h.Feed(e);
        }

        return h.Sink.Changes.Select(c => System.Text.Encoding.UTF8.GetString(AlertJson.ToUtf8(c))).ToList();
    }

    [Theory]
    [InlineData(7)]
    [InlineData(20261206)]
    public void Replay_WithoutTheTicksFusionLeftIdle_IdenticalAlertJson(int seed)
    {
        // Activity, then everything restored and two quiet hours of ticks, then activity again: what a journal holds
        // is the events plus the ticks fusion acted on (its clock notes); the replay is fed exactly that.
        var ids = new FusionHarness();
        var events = Record(seed, ids);
        foreach (var sensor in new[] { "net-1", "hek-2", "hek-3", "hek-5" })
        {
            var normal = ids.New(EventKind.Perimeter, sensor, 1800);
            normal.Perimeter.State = PerimeterState.Normal;
            events.Add(normal);
        }

        var online = ids.New(EventKind.SensorHealth, "sap-1", 1800);
        online.Health.Status = SensorStatus.Online;
        events.Add(online);
        for (var t = 1801.0; t < 1800 + 7200; t++)
        {
            events.Add(ids.New(EventKind.Tick, null, t + 0.25));
        }

        events.AddRange(Record(seed + 1, ids, 9000));
        var acted = new List<long>();

        var full = Run(events, acted);
        var journaled = events.Where(e => e.Kind != EventKind.Tick || acted.Contains(e.EventId)).ToList();
        var replayed = Run(journaled);

        Assert.True(journaled.Count < events.Count - 1000, $"seed {seed}: only {events.Count - journaled.Count} idle ticks left out");
        Assert.True(full.Count > 40, $"seed {seed}: only {full.Count} changes");
        Assert.Equal(full, replayed);
    }
}
