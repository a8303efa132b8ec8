using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>Creates one <see cref="RemoteIdAdapter"/> per configured Remote ID receiver (keys: Port, Baud, SerialDriver, StaleTrackSeconds, MaxLineBytes).</summary>
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
            adapters[i] = RemoteIdAdapter.ForPort(sensor, RemoteIdOptions.Read(section, section.Path), context);
        }

        return adapters;
    }
}
