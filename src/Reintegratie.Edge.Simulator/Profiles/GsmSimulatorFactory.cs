using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// Creates simulated GSM umbrellas (<see cref="GsmSimulatedSensor"/>): TCP clients of the gateway's listener, or pty
/// pairs when the sensor section has a <c>Port</c> and no <c>Listen</c>.
/// </summary>
public sealed class GsmSimulatorFactory : ISimulatedSensorFactory
{
    /// <inheritdoc />
    public SensorFamily Family => SensorFamily.Gsm;

    /// <inheritdoc />
    public ISimulatedSensor Create(IConfigurationSection sensorSection, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(sensorSection);
        ArgumentNullException.ThrowIfNull(context);
        var serial = !string.IsNullOrWhiteSpace(sensorSection["Port"]) && string.IsNullOrWhiteSpace(sensorSection["Listen"]);
        return new GsmSimulatedSensor(sensorSection["Id"] ?? sensorSection.Key, sensorSection["Listen"] ?? "127.0.0.1:4100", serial, context, sensorSection["CertificateName"]);
    }
}
