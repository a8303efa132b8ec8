using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Links;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// Creates one <see cref="SapientListener"/> per distinct <c>Listen</c> address; each serves the nodes configured
/// with that address. Keys per sensor entry: <c>Listen</c> (default 0.0.0.0:5020), <c>NodeId</c> (UUID, required),
/// <c>MaxFrameBytes</c> (default 1048576; a shared listener uses the largest of its entries).
/// </summary>
public sealed class SapientAdapterFactory : ISensorAdapterFactory
{
    /// <inheritdoc />
    public SensorFamily Family => SensorFamily.Sapient;

    /// <inheritdoc />
    public void Validate(IConfigurationSection section, string keyPrefix)
    {
        SapientSensorSettings.Read(section, keyPrefix);
        LinkSensor.Validate(section, keyPrefix);
    }

    /// <inheritdoc />
    public IReadOnlyList<ISensorAdapter> Create(IReadOnlyList<(IConfigurationSection Section, Sensor Sensor)> sensors, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(context);
        var groups = new Dictionary<IPEndPoint, List<(SapientNode Node, LinkSensor Link, int Max)>>();
        var seen = new Dictionary<Guid, string>();
        foreach (var (section, sensor) in sensors)
        {
            var settings = SapientSensorSettings.Read(section, section.Path);
            if (!seen.TryAdd(settings.NodeId, sensor.Id))
            {
                throw new ConfigurationException($"{section.Path}:NodeId", $"node {settings.NodeId} is already sensor '{seen[settings.NodeId]}'");
            }

            if (!groups.TryGetValue(settings.Listen, out var list))
            {
                groups[settings.Listen] = list = [];
            }

            list.Add((new SapientNode(sensor, settings.NodeId), LinkSensor.Read(section, section.Path, sensor), settings.MaxFrameBytes));
        }

        var gateway = GatewayNodeId(context.Site.Name);
        return groups
            .Select(g => (ISensorAdapter)new SapientListener(g.Key, g.Value.Select(e => (e.Node, e.Link)).ToList(), g.Value.Max(e => e.Max), gateway, context))
            .ToList();
    }

    /// <summary>
    /// The gateway's own SAPIENT node id: a name-based UUID (RFC 4122 version 5 layout over SHA-256) of the site
    /// name, so it stays the same across restarts without another configuration key.
    /// </summary>
    public static Guid GatewayNodeId(string siteName)
    {
        ArgumentNullException.ThrowIfNull(siteName);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("reintegratie-edge/sapient/" + siteName), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
