using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Gateway.Hosting;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>A fact that needs the RF detector adapter in the gateway build and mosquitto on the machine; skipped (with the reason) otherwise.</summary>
public sealed class RfDetectorFactAttribute : FactAttribute
{
    public RfDetectorFactAttribute()
    {
        if (!new SensorCatalog().Adapters.ContainsKey(SensorFamily.RfDetector))
        {
            Skip = "the gateway build has no RF detector adapter (SensorCatalog lacks SensorFamily.RfDetector)";
        }
        else if (!File.Exists(RobustnessBroker.Executable))
        {
            Skip = $"{RobustnessBroker.Executable} is not installed (make deps)";
        }
    }
}
