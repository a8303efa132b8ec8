using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// Simulated Remote ID receivers by the sensor's <c>Format</c>: <c>line</c> (default) and <c>mavlink</c> are a pty pair
/// (actions: fly, unplug, replug) speaking <c>RID,...</c> lines or MAVLink 2; <c>pcap</c> is a capture file the gateway
/// plays (<see cref="RemoteIdCaptureSimulatedSensor"/>).
/// </summary>
public sealed class RemoteIdSimulatorFactory : SerialLineSimulatorFactory
{
    /// <inheritdoc />
    public override SensorFamily Family => SensorFamily.RemoteId;

    /// <inheritdoc />
    public override ISimulatedSensor Create(IConfigurationSection sensorSection, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(sensorSection);
        return sensorSection["Format"]?.Trim().ToUpperInvariant() switch
        {
            "PCAP" => new RemoteIdCaptureSimulatedSensor(sensorSection["Id"] ?? sensorSection.Key, sensorSection["Capture"], $"{sensorSection.Path}:Capture"),
            "MAVLINK" => new RemoteIdSimulatedSensor(sensorSection["Id"] ?? sensorSection.Key, context, ConfiguredPort(sensorSection, context), mavlink: true),
            _ => base.Create(sensorSection, context),
        };
    }

    /// <inheritdoc />
    protected override SerialLineSimulatedSensor Create(string sensorId, SimulationContext context, string? linkPath) =>
        new RemoteIdSimulatedSensor(sensorId, context, linkPath);
}
