using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors;
using Reintegratie.Edge.Sensors.Bodycam;
using Reintegratie.Edge.Sensors.Gsm;
using Reintegratie.Edge.Sensors.Perimeter;
using Reintegratie.Edge.Sensors.Privacy;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RfDetector;
using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Simulator;
using Reintegratie.Edge.Simulator.Profiles;

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
        ISensorAdapterFactory[] adapters =
        [
            new RemoteIdAdapterFactory(),
            new RfDetectorAdapterFactory(),
            new SapientAdapterFactory(),
            new PerimeterAdapterFactory(Hardware),
            new GsmAdapterFactory(),
            new BodycamAdapterFactory(),
        ];
        Adapters = adapters.ToDictionary(f => f.Family);
        Simulators =
        [
            new RemoteIdSimulatorFactory(),
            new RfDetectorSimulatorFactory(),
            new SapientSimulatorFactory(),
            new PerimeterSimulatorFactory(),
            new GsmSimulatorFactory(),
            new BodycamSimulatorFactory(),
        ];
    }

    /// <summary>Simulated hardware shared by the adapters (Driver = simulated) and the simulator profiles.</summary>
    public IDictionary<string, object> Hardware { get; } = new ConcurrentDictionary<string, object>(StringComparer.Ordinal);

    /// <summary>Adapter factories by family.</summary>
    public IReadOnlyDictionary<SensorFamily, ISensorAdapterFactory> Adapters { get; }

    /// <summary>Simulator profiles.</summary>
    public IReadOnlyList<ISimulatedSensorFactory> Simulators { get; }

    /// <summary>
    /// Loads the privacy key (<c>Privacy:KeyFile</c>). When no key file is configured, the state directory's
    /// privacy.key is used and created (32 random bytes, mode 0400) if absent, so a development run needs no set-up;
    /// a configured file is never created: missing, empty or readable by others stops the start (exit 78).
    /// </summary>
    public static Pseudonymiser LoadPrivacy(IConfiguration configuration, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration[$"{PrivacyOptions.Section}:KeyFile"]))
        {
            var path = Path.Combine(stateDirectory, "privacy.key");
            if (!File.Exists(path))
            {
                PrivacyKeyFile.Create(path);
            }

            return Pseudonymiser.Load(new ConfigurationBuilder().AddConfiguration(configuration)
                .AddInMemoryCollection(new Dictionary<string, string?> { [$"{PrivacyOptions.Section}:KeyFile"] = path }).Build());
        }

        return Pseudonymiser.Load(configuration);
    }
}
