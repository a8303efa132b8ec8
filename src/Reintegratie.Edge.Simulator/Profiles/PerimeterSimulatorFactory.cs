using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Perimeter;
using Reintegratie.Edge.Sensors.Perimeter.Simulation;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// Simulated fence and net inputs. In-process only: each sensor drives the <see cref="SimulatedPerimeterHardware"/>
/// registered under its id in <see cref="SimulationContext.Hardware"/> (created here when the gateway has not yet),
/// and tells the gateway to use it (<c>Driver = simulated</c>). Actions: see <see cref="PerimeterSimulatedSensor"/>.
/// </summary>
public sealed class PerimeterSimulatorFactory : ISimulatedSensorFactory
{
    /// <inheritdoc />
    public SensorFamily Family => SensorFamily.Perimeter;

    /// <inheritdoc />
    public ISimulatedSensor Create(IConfigurationSection sensorSection, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(sensorSection);
        ArgumentNullException.ThrowIfNull(context);
        var id = sensorSection["Id"];
        if (string.IsNullOrEmpty(id))
        {
            throw new Core.Site.ConfigurationException($"{sensorSection.Path}:Id", "is required");
        }

        var options = PerimeterOptionsReader.Read(sensorSection, sensorSection.Path);
        var hardware = SimulatedPerimeterHardware.GetOrCreate(context.Hardware, id);
        return new PerimeterSimulatedSensor(id, options, hardware, context);
    }
}
