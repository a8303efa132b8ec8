using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors;

/// <summary>
/// Creates the adapters of one sensor family from the site configuration. The gateway calls
/// <see cref="Validate"/> at start (a bad value throws <see cref="ConfigurationException"/> naming the key, exit 78)
/// and <see cref="Create"/> once with every enabled sensor of the family (a listener may serve several).
/// </summary>
public interface ISensorAdapterFactory
{
    /// <summary>The family this factory serves.</summary>
    SensorFamily Family { get; }

    /// <summary>Checks one sensor's section (<c>Site:Sensors:N</c>); <paramref name="keyPrefix"/> is that path.</summary>
    void Validate(IConfigurationSection section, string keyPrefix);

    /// <summary>Creates the adapters for the given sensors (section and resolved sensor, in configuration order).</summary>
    IReadOnlyList<ISensorAdapter> Create(IReadOnlyList<(IConfigurationSection Section, Sensor Sensor)> sensors, AdapterContext context);
}
