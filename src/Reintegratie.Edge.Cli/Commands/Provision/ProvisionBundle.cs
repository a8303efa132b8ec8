using System.Text;

namespace Reintegratie.Edge.Cli.Commands.Provision;

/// <summary>The files of one gateway's provisioning bundle and their modes.</summary>
/// <param name="Site">Site id (MQTT topic level).</param>
/// <param name="Gateway">Gateway id (MQTT topic level).</param>
/// <param name="Broker">Broker address.</param>
/// <param name="NtpServers">NTP servers for systemd-timesyncd (empty: the distribution's defaults).</param>
public sealed record ProvisionBundle(string Site, string Gateway, BrokerAddress Broker, IReadOnlyList<string> NtpServers)
{
    /// <summary>The gateway's host name.</summary>
    public string HostName => $"{Site}-{Gateway}";

    /// <summary>Writes the bundle into <paramref name="directory"/> (created; must be empty or absent).</summary>
    public void Write(string directory, string configJson, ClientCredentials credentials, ReadOnlySpan<byte> privacyKey)
        => Write(directory, configJson, credentials, privacyKey, []);

    /// <summary>
    /// Writes the bundle; with network sensors (<paramref name="sensorNames"/>: the certificate names of the SAPIENT and
    /// GSM sensors) also the gateway's sensor-link key and request (<c>tls/sensor-link.*</c>) and one key and request per
    /// sensor (<c>sensors/{name}.*</c>, for the technician to load into the sensor; never copied to the gateway).
    /// </summary>
    public void Write(string directory, string configJson, ClientCredentials credentials, ReadOnlySpan<byte> privacyKey, IReadOnlyList<string> sensorNames)
    {
        ArgumentNullException.ThrowIfNull(sensorNames);
        ArgumentNullException.ThrowIfNull(credentials);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Provisioning bundles are written on Linux (file modes protect the keys).");
        }

        // The bundle holds private keys: only its owner may list or enter it.
        const UnixFileMode privateDir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(directory, privateDir);
        var tls = Path.Combine(directory, "tls");
        Directory.CreateDirectory(tls, privateDir);
        BundleWriter.Write(Path.Combine(directory, "appsettings.json"), Encoding.UTF8.GetBytes(configJson), BundleWriter.Public);
        BundleWriter.Write(Path.Combine(tls, "client.key"), Encoding.ASCII.GetBytes(credentials.PrivateKeyPem + "\n"), BundleWriter.PrivateKey);
        BundleWriter.Write(Path.Combine(tls, "client.csr"), Encoding.ASCII.GetBytes(credentials.CsrPem + "\n"), BundleWriter.Public);
        BundleWriter.Write(Path.Combine(directory, "privacy.key"), privacyKey, BundleWriter.ReadOnlySecret);
        if (sensorNames.Count > 0)
        {
            WriteCredentials(tls, "sensor-link", ClientCredentials.Create(HostName, serverAuth: true));
            var sensors = Path.Combine(directory, "sensors");
            Directory.CreateDirectory(sensors, privateDir);
            foreach (var name in sensorNames)
            {
                WriteCredentials(sensors, name, ClientCredentials.Create(name));
            }
        }

        BundleWriter.Write(Path.Combine(directory, "firstboot.sh"), Encoding.UTF8.GetBytes(FirstBootScript.Render(this)), BundleWriter.Script);
        BundleWriter.Write(Path.Combine(directory, "README.txt"), Encoding.UTF8.GetBytes(Readme()), BundleWriter.Public);
    }

    private static void WriteCredentials(string folder, string name, ClientCredentials credentials)
    {
        BundleWriter.Write(Path.Combine(folder, name + ".key"), Encoding.ASCII.GetBytes(credentials.PrivateKeyPem + "\n"), BundleWriter.PrivateKey);
        BundleWriter.Write(Path.Combine(folder, name + ".csr"), Encoding.ASCII.GetBytes(credentials.CsrPem + "\n"), BundleWriter.Public);
    }

    private string Readme() => $"""
        Provisioning bundle for gateway {Gateway} of site {Site} (host name {HostName}).
        Broker: {Broker.Host}:{Broker.Port} (MQTT over TLS with a client certificate).

        1. Send tls/client.csr to the broker's certificate authority (BIV). Put the signed certificate here as
           tls/client.crt and the CA certificate as tls/ca.crt. With network sensors, also have tls/sensor-link.csr
           signed (as tls/sensor-link.crt) and every sensors/NAME.csr (as sensors/NAME.crt); load sensors/NAME.key and
           .crt and the CA into sensor NAME. Do NOT copy sensors/ to the boot partition.
        2. Flash Raspberry Pi OS Lite (64-bit, bookworm) and copy this whole folder, with build/ (the linux-arm64
           publish output) and deploy/ (from the release), to the boot partition as /boot/firmware/reintegratie-edge/.
        3. On the gateway, as root:  bash /boot/firmware/reintegratie-edge/firstboot.sh
           It sets the host name, waits for NTP time, installs the build, places these files and starts the service.
        4. Run:  /opt/reintegratie-edge/current/edgectl doctor --config /etc/reintegratie-edge/appsettings.json
        5. firstboot.sh removes every private key from the boot partition once installed; remove the rest of the folder.

        Details: docs/OPERATIONS.md.

        """;
}
