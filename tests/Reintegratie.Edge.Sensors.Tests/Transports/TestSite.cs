using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.Tests.Transports;

/// <summary>A small site for adapter tests: one zone polygon around PI Vught-like coordinates, one sensor, one sector.</summary>
internal static class TestSite
{
    public static SiteModel Build(SensorFamily family, string sensorId = "s1") => SiteModel.Build(new SiteOptions
    {
        Name = "test",
        Zones =
        [
            new ZoneOptions
            {
                Id = "north", Polygon = [new GeoPoint { Lat = 51.66, Lon = 5.28 }, new GeoPoint { Lat = 51.67, Lon = 5.28 }, new GeoPoint { Lat = 51.67, Lon = 5.30 }, new GeoPoint { Lat = 51.66, Lon = 5.30 }],
            },
            new ZoneOptions { Id = "south" },
        ],
        Sensors = [new SensorOptions { Id = sensorId, Family = family, Zone = "north", ReportingSeconds = 0 }],
        Sectors = [new SectorOptions { Sensor = sensorId, FromDeg = 0, ToDeg = 180, Zone = "north" }, new SectorOptions { Sensor = sensorId, FromDeg = 180, ToDeg = 360, Zone = "south" }],
    });

    public static AdapterContext Context(SiteModel site, CollectingEventSink sink, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        return new AdapterContext(site, sink, new SensorHealthRegistry(site, sink, time), time, NullLoggerFactory.Instance);
    }

    public static async Task WaitUntil(Func<bool> condition, string what, int timeoutSeconds = 30)
    {
        var deadline = Environment.TickCount64 + (timeoutSeconds * 1000L);
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }
}
