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
        string? dropFolder = null;
        if (context.UseConfiguredTransports)
        {
            // Against a running gateway: write where its adapter watches.
            dropFolder = sensorSection["DropFolder"] is { Length: > 0 } folder && Path.IsPathFullyQualified(folder) ? folder
                : throw new ArgumentException($"{sensorSection.Path}:DropFolder must be an absolute path, got '{sensorSection["DropFolder"]}'", nameof(sensorSection));
        }

        return new BodycamSimulatedSensor(sensorSection["Id"] ?? sensorSection.Key, context, dropFolder);
    }
}
