using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors;

namespace Reintegratie.Edge.Simulator.Tests.Profiles;

/// <summary>Shared pieces for simulator profile tests: a collecting sink, a site, a step builder, a waiter.</summary>
internal static class SimulatorTestSupport
{
    public static SimulationContext Context(string dir) =>
        new(dir, TimeProvider.System, NullLoggerFactory.Instance, new Dictionary<string, object>());

    public static IConfigurationSection SensorSection(string id, SensorFamily family) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection([new("Site:Sensors:0:Id", id), new("Site:Sensors:0:Family", family.ToString())])
            .Build()
            .GetSection("Site:Sensors:0");

    public static (SiteModel Site, Sink Sink, AdapterContext Context) Gateway(string sensorId, SensorFamily family)
    {
        var site = SiteModel.Build(new SiteOptions
        {
            Zones = [new ZoneOptions { Id = "z1" }],
            Sensors = [new SensorOptions { Id = sensorId, Family = family, Zone = "z1", ReportingSeconds = 0 }],
            Sectors = [new SectorOptions { Sensor = sensorId, FromDeg = 0, ToDeg = 360, Zone = "z1" }],
        });
        var sink = new Sink();
        return (site, sink, new AdapterContext(site, sink, new SensorHealthRegistry(site, sink, TimeProvider.System), TimeProvider.System, NullLoggerFactory.Instance));
    }

    public static ScenarioStep Step(string sensor, string action, string argsJson = "{}") => new()
    {
        Sensor = sensor,
        Action = action,
        Args = System.Text.Json.JsonDocument.Parse(argsJson).RootElement.Clone(),
    };

    public static async Task WaitUntil(Func<bool> condition, string what, int timeoutSeconds = 30)
    {
        var deadline = Environment.TickCount64 + (timeoutSeconds * 1000L);
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }

    internal sealed class Sink : IEventSink
    {
        private readonly List<DroneData> _drones = [];

        public DroneData[] Drones
        {
            get
            {
                lock (_drones)
                {
                    return [.. _drones];
                }
            }
        }

        public bool PublishDrone(in EventHeader header, in DroneData drone)
        {
            lock (_drones)
            {
                _drones.Add(drone);
            }

            return true;
        }

        public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter) => true;

        public bool PublishHealth(in EventHeader header, in HealthData health) => true;

        public bool PublishHandset(in EventHeader header, in HandsetData handset) => true;

        public bool PublishObject(in EventHeader header, object attachment) => true;
    }
}
