using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Tests.Events;

/// <summary>A one-zone site and event builders for the events tests.</summary>
internal static class EventsTestSite
{
    public static readonly DateTimeOffset At = new(2026, 9, 14, 10, 0, 0, 250, TimeSpan.Zero);

    public static SiteModel Site { get; } = SiteModel.Build(new SiteOptions
    {
        Name = "pi-test",
        Zones = [new ZoneOptions { Id = "Z1", Name = "Noordhek" }],
        Sensors =
        [
            new SensorOptions { Id = "rf-1", Family = SensorFamily.RfDetector, Zone = "Z1" },
            new SensorOptions { Id = "fence-1", Family = SensorFamily.Perimeter, Zone = "Z1" },
        ],
    });

    public static MqttTopics Topics { get; } = new("pi-edge", "pi-test", "gw1");

    public static SensorEvent Drone(long id, string track = "T1")
    {
        var e = new SensorEvent();
        e.SetHeader(new EventHeader(EventKind.DroneDetection, SensorFamily.RfDetector, 0, 0, At));
        e.EventId = id;
        var d = DroneData.Unknown;
        d.TrackId = FixedAscii32.From(track);
        d.HasBearing = true;
        d.BearingDeg = 123.5f;
        d.FrequencyMhz = 2437.5f;
        d.Classification = DroneClass.UavTransmitter;
        e.Drone = d;
        return e;
    }

    public static SensorEvent Tick(long id)
    {
        var e = new SensorEvent();
        e.SetHeader(new EventHeader(EventKind.Tick, SensorFamily.Gateway, -1, -1, At));
        e.EventId = id;
        return e;
    }

    public static SensorEvent Gateway(long id)
    {
        var e = new SensorEvent();
        e.SetHeader(new EventHeader(EventKind.Gateway, SensorFamily.Gateway, -1, -1, At));
        e.EventId = id;
        var h = new HealthData { Status = SensorStatus.Fault, Previous = SensorStatus.Online };
        h.Reason.Set("outbox_shedding");
        e.Health = h;
        return e;
    }
}
