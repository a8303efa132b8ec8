using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// Creates simulated serial sensors of one family. Standalone the pty link goes into the work directory; against a
/// running gateway (<see cref="SimulationContext.UseConfiguredTransports"/>) exactly where the configuration expects
/// the device.
/// </summary>
public abstract class SerialLineSimulatorFactory : ISimulatedSensorFactory
{
    /// <inheritdoc />
    public abstract SensorFamily Family { get; }

    /// <inheritdoc />
    public virtual ISimulatedSensor Create(IConfigurationSection sensorSection, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(sensorSection);
        ArgumentNullException.ThrowIfNull(context);
        var id = sensorSection["Id"];
        if (string.IsNullOrEmpty(id))
        {
            throw new ArgumentException($"{sensorSection.Path}:Id is missing", nameof(sensorSection));
        }

        return Create(id, context, ConfiguredPort(sensorSection, context));
    }

    /// <summary>Creates the family's sensor with its link at <paramref name="linkPath"/> (null: the work directory).</summary>
    protected abstract SerialLineSimulatedSensor Create(string sensorId, SimulationContext context, string? linkPath);

    /// <summary>Where the pty link goes: null (the work directory) standalone, the configured <c>Port</c> against a running gateway.</summary>
    protected static string? ConfiguredPort(IConfigurationSection sensorSection, SimulationContext context) =>
        !context.UseConfiguredTransports ? null
            : sensorSection["Port"] is { Length: > 0 } port && Path.IsPathFullyQualified(port) ? port
            : throw new ArgumentException($"{sensorSection.Path}:Port must be an absolute path for the simulated device link, got '{sensorSection["Port"]}'", nameof(sensorSection));
}
