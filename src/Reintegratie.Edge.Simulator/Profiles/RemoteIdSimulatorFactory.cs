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

        return new RemoteIdSimulatedSensor(id, context, ConfiguredPort(sensorSection, context));
    }

    /// <summary>Against a running gateway the pty link goes exactly where its configuration expects the device.</summary>
    private static string? ConfiguredPort(IConfigurationSection sensorSection, SimulationContext context) =>
        !context.UseConfiguredTransports ? null
            : sensorSection["Port"] is { Length: > 0 } port && Path.IsPathFullyQualified(port) ? port
            : throw new ArgumentException($"{sensorSection.Path}:Port must be an absolute path for the simulated device link, got '{sensorSection["Port"]}'", nameof(sensorSection));
}
