using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.RemoteId.Capture;
using Reintegratie.Edge.Sensors.RemoteId.Mavlink;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>Creates one <see cref="RemoteIdAdapter"/> per configured Remote ID receiver (keys: <see cref="RemoteIdOptions.Keys"/>); receivers with a <c>Position</c> and <c>RangeM</c> share one <see cref="RemoteIdCoverage"/>.</summary>
public sealed class RemoteIdAdapterFactory : ISensorAdapterFactory
{
    /// <inheritdoc />
    public SensorFamily Family => SensorFamily.RemoteId;

    /// <inheritdoc />
    public void Validate(IConfigurationSection section, string keyPrefix) => RemoteIdOptions.Read(section, keyPrefix);

    /// <inheritdoc />
    public IReadOnlyList<ISensorAdapter> Create(IReadOnlyList<(IConfigurationSection Section, Sensor Sensor)> sensors, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(context);
        var options = new RemoteIdOptions[sensors.Count];
        var sites = new List<RemoteIdReceiverSite>();
        for (var i = 0; i < sensors.Count; i++)
        {
            var (section, sensor) = sensors[i];
            options[i] = RemoteIdOptions.Read(section, section.Path);
            if (sensor.Position is { } p && options[i].RangeM > 0)
            {
                sites.Add(new RemoteIdReceiverSite(sensor.Index, p.Lat, p.Lon, options[i].RangeM));
            }
        }

        var health = context.Health;
        var coverage = RemoteIdCoverage.ForSite(sites, health.IsOnline, RemoteIdCoverage.DefaultWindow);
        var adapters = new ISensorAdapter[sensors.Count];
        for (var i = 0; i < sensors.Count; i++)
        {
            var sensor = sensors[i].Sensor;
            options[i].Coverage = coverage;
            adapters[i] = options[i].Format switch
            {
                RemoteIdFormat.Mavlink => MavlinkRemoteIdAdapter.ForPort(sensor, options[i], context),
                RemoteIdFormat.Pcap or RemoteIdFormat.Hci => CaptureRemoteIdAdapter.ForOptions(sensor, options[i], context),
                _ => RemoteIdAdapter.ForPort(sensor, options[i], context),
            };
        }

        return adapters;
    }
}
