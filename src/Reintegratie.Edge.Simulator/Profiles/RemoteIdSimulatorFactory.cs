using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>Simulated Remote ID receivers: a pty pair speaking <c>RID,...</c> lines (actions: fly, unplug, replug).</summary>
public sealed class RemoteIdSimulatorFactory : ISimulatedSensorFactory
{
    /// <inheritdoc />
    public SensorFamily Family => SensorFamily.RemoteId;

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

        return new RemoteIdSimulatedSensor(id, context);
    }
}
