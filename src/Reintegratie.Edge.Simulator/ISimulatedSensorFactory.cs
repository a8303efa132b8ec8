using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Simulator;

/// <summary>Creates simulated sensors of one family from their configuration section.</summary>
public interface ISimulatedSensorFactory
{
    /// <summary>The family.</summary>
    SensorFamily Family { get; }

    /// <summary>Creates the simulated sensor for one configured sensor (<c>Site:Sensors:N</c>).</summary>
    ISimulatedSensor Create(IConfigurationSection sensorSection, SimulationContext context);
}
