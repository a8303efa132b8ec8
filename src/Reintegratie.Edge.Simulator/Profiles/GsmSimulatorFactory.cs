using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>Creates simulated GSM umbrellas (<see cref="GsmSimulatedSensor"/>): TCP clients of the gateway's listener.</summary>
public sealed class GsmSimulatorFactory : ISimulatedSensorFactory
{
    /// <inheritdoc />
    public SensorFamily Family => SensorFamily.Gsm;

    /// <inheritdoc />
    public ISimulatedSensor Create(IConfigurationSection sensorSection, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(sensorSection);
        ArgumentNullException.ThrowIfNull(context);
        return new GsmSimulatedSensor(sensorSection["Id"] ?? sensorSection.Key, sensorSection["Listen"] ?? "127.0.0.1:4100", context);
    }
}
