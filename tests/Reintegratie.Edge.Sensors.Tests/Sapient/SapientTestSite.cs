using Reintegratie.Edge.Sensors.Tests.Transports;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Sapient;

namespace Reintegratie.Edge.Sensors.Tests.Sapient;

/// <summary>A site with one zone around (52.0, 5.0) and one SAPIENT radar there, plus its adapter context.</summary>
internal sealed class SapientTestSite
{
    public static readonly Guid NodeId = Guid.Parse("a8654cdf-4328-47de-81fa-c495589e30c9");

    public SapientTestSite()
    {
        var options = new SiteOptions
        {
            Name = "PI Test",
            Zones =
            [
                new ZoneOptions
                {
                    Id = "north",
                    Polygon = [new() { Lat = 51.99, Lon = 4.99 }, new() { Lat = 51.99, Lon = 5.01 }, new() { Lat = 52.01, Lon = 5.01 }, new() { Lat = 52.01, Lon = 4.99 }],
                },
            ],
            Sensors = [new SensorOptions { Id = "radar-1", Family = SensorFamily.Sapient, Zone = "north", Position = new GeoPoint { Lat = 52.0, Lon = 5.0 } }],
        };
        Site = SiteModel.Build(options);
        Health = new SensorHealthRegistry(Site, Sink, TimeProvider.System);
        Context = new AdapterContext(Site, Sink, Health, TimeProvider.System, NullLoggerFactory.Instance);
    }

    public SiteModel Site { get; }

    public CollectingEventSink Sink { get; } = new();

    public SensorHealthRegistry Health { get; }

    public AdapterContext Context { get; }

    public SapientNode Node => new(Site.Sensors[0], NodeId);

    public DictionarySection Section(string listen = "127.0.0.1:0", string? maxFrameBytes = null) => new(
        "Site:Sensors:0",
        new Dictionary<string, string?> { ["Listen"] = listen, ["NodeId"] = NodeId.ToString(), ["MaxFrameBytes"] = maxFrameBytes });
}
