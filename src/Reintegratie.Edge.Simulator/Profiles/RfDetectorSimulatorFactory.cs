using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>Simulated RF detectors: a pty pair speaking <c>$PRFDT</c> sentences (actions: track, unplug, replug).</summary>
public sealed class RfDetectorSimulatorFactory : ISimulatedSensorFactory
{
    /// <inheritdoc />
    public SensorFamily Family => SensorFamily.RfDetector;

    /// <inheritdoc />
    public ISimulatedSensor Create(IConfigurationSection sensorSection, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(sensorSection);
        ArgumentNullException.ThrowIfNull(context);
        var id = sensorSection["Id"];
        if (string.IsNullOrEmpty(id))
        {
            throw new ArgumentException($"{sensorSection.Path}:Id is missing", nameof(sensorSection));
        }

        return new RfDetectorSimulatedSensor(id, context);
    }
}
