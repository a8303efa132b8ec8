using System.Net;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.Links;

/// <summary>
/// Who may speak for one network sensor: the name its client certificate carries (<c>CertificateName</c>, CN or DNS
/// SAN; default the sensor id) and, for a sensor that cannot do TLS, the peer addresses it connects from
/// (<c>PeerAddresses</c>, used only with <c>SensorLinks:AllowUnauthenticated</c>; default loopback).
/// </summary>
/// <param name="Sensor">The sensor in the site model.</param>
/// <param name="CertificateName">Expected certificate CN or DNS SAN.</param>
/// <param name="PeerAddresses">Addresses admitted without TLS.</param>
public sealed record LinkSensor(Sensor Sensor, string CertificateName, IReadOnlyList<IPAddress> PeerAddresses)
{
    private static readonly IPAddress[] s_loopback = [IPAddress.Loopback, IPAddress.IPv6Loopback];

    /// <summary>Reads the two keys of a sensor entry; a bad value throws <see cref="ConfigurationException"/> naming the key.</summary>
    public static LinkSensor Read(IConfigurationSection section, string keyPrefix, Sensor sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var (name, peers) = ReadKeys(section, keyPrefix);
        return new LinkSensor(sensor, name ?? sensor.Id, peers.Count == 0 ? s_loopback : peers);
    }

    /// <summary>The two keys for the configuration key checker (added to the SAPIENT and GSM sensor entries).</summary>
    public static ConfigurationKeyNode KeyNode => ConfigurationKeyNode.Section()
        .With("CertificateName", ConfigurationKeyNode.Value())
        .With("PeerAddresses", ConfigurationKeyNode.List(ConfigurationKeyNode.Value()));

    /// <summary>Checks the two keys (for <c>--check-config</c>).</summary>
    public static void Validate(IConfigurationSection section, string keyPrefix) => ReadKeys(section, keyPrefix);

    private static (string? Name, List<IPAddress> Peers) ReadKeys(IConfigurationSection section, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(section);
        var name = section["CertificateName"];
        if (name is not null && (name.Length is 0 or > 64 || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
        {
            throw new ConfigurationException($"{keyPrefix}:CertificateName", $"expected the CN or DNS name of the sensor's client certificate, got '{name}'");
        }

        var peers = new List<IPAddress>();
        var entries = section.GetSection("PeerAddresses").GetChildren().ToList();
        for (var i = 0; i < entries.Count; i++)
        {
            if (!IPAddress.TryParse(entries[i].Value, out var address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            {
                throw new ConfigurationException($"{keyPrefix}:PeerAddresses:{i}", $"expected one numeric IP address of the sensor, got '{entries[i].Value}'");
            }

            peers.Add(Normalise(address));
        }

        return (name, peers);
    }

    /// <summary>Whether a connection from <paramref name="address"/> may speak for this sensor without TLS.</summary>
    public bool AdmitsAddress(IPAddress address) => PeerAddresses.Contains(Normalise(address));

    /// <summary>An IPv4-mapped IPv6 address as its IPv4 form, so either spelling matches.</summary>
    public static IPAddress Normalise(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
