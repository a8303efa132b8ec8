using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.RemoteId.Capture;
using Reintegratie.Edge.Sensors.RemoteId.Mavlink;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>Creates one <see cref="RemoteIdAdapter"/> per configured Remote ID receiver (keys: Format, Capture, Port, Baud, SerialDriver, StaleTrackSeconds, MaxLineBytes).</summary>
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
        var adapters = new ISensorAdapter[sensors.Count];
        for (var i = 0; i < sensors.Count; i++)
        {
            var (section, sensor) = sensors[i];
            var options = RemoteIdOptions.Read(section, section.Path);
            adapters[i] = options.Format switch
            {
                RemoteIdFormat.Mavlink => MavlinkRemoteIdAdapter.ForPort(sensor, options, context),
                RemoteIdFormat.Pcap => CaptureRemoteIdAdapter.ForOptions(sensor, options, context),
                _ => RemoteIdAdapter.ForPort(sensor, options, context),
            };
        }

        return adapters;
    }
}
