using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.RfDetector;

/// <summary>Creates one <see cref="RfDetectorAdapter"/> per configured RF detector (keys: Port, Baud, SerialDriver, MaxLineBytes).</summary>
public sealed class RfDetectorAdapterFactory : ISensorAdapterFactory
{
    /// <inheritdoc />
    public SensorFamily Family => SensorFamily.RfDetector;

    /// <inheritdoc />
    public void Validate(IConfigurationSection section, string keyPrefix) => RfDetectorOptions.Read(section, keyPrefix);

    /// <inheritdoc />
    public IReadOnlyList<ISensorAdapter> Create(IReadOnlyList<(IConfigurationSection Section, Sensor Sensor)> sensors, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        var adapters = new ISensorAdapter[sensors.Count];
        for (var i = 0; i < sensors.Count; i++)
        {
            var (section, sensor) = sensors[i];
            adapters[i] = RfDetectorAdapter.ForPort(sensor, RfDetectorOptions.Read(section, section.Path), context);
        }

        return adapters;
    }
}
