using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>Creates simulated bodycam docking systems (<see cref="BodycamSimulatedSensor"/>) that write sidecars into a drop folder.</summary>
public sealed class BodycamSimulatorFactory : ISimulatedSensorFactory
{
    /// <inheritdoc />
    public SensorFamily Family => SensorFamily.Bodycam;

    /// <inheritdoc />
    public ISimulatedSensor Create(IConfigurationSection sensorSection, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(sensorSection);
        ArgumentNullException.ThrowIfNull(context);
        return new BodycamSimulatedSensor(sensorSection["Id"] ?? sensorSection.Key, context);
    }
}
