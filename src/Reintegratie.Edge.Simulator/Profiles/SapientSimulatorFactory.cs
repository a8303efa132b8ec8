using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Sapient;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// Simulated SAPIENT nodes: a TCP client per configured sensor that connects to the gateway's <c>Listen</c> port,
/// registers with the sensor's <c>NodeId</c> and sends StatusReport heartbeats. Actions: <c>track</c>,
/// <c>alert</c>, <c>hostile</c>, <c>disconnect</c>, <c>reconnect</c> (see <see cref="SapientSimulatedNode"/>).
/// </summary>
public sealed class SapientSimulatorFactory : ISimulatedSensorFactory
{
    /// <inheritdoc />
    public SensorFamily Family => SensorFamily.Sapient;

    /// <inheritdoc />
    public ISimulatedSensor Create(IConfigurationSection sensorSection, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(sensorSection);
        ArgumentNullException.ThrowIfNull(context);
        var settings = SapientSensorSettings.Read(sensorSection, sensorSection.Path);
        var id = sensorSection["Id"] ?? sensorSection.Key;
        var reporting = double.TryParse(sensorSection["ReportingSeconds"], NumberStyles.Float, CultureInfo.InvariantCulture, out var r) ? r : 30;
        var heartbeat = TimeSpan.FromSeconds(Math.Clamp(reporting / 3, 1, 5)); // three beats per reporting time
        var host = IPAddress.TryParse(context.GatewayHost, out var ip) ? ip : IPAddress.Loopback;
        (double, double)? position = double.TryParse(sensorSection["Position:Lat"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(sensorSection["Position:Lon"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) ? (lat, lon) : null;
        return new SapientSimulatedNode(id, settings.NodeId, new IPEndPoint(host, settings.Listen.Port), heartbeat, position, context, sensorSection["CertificateName"]);
    }
}
