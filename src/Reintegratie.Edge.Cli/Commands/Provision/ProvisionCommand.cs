using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reintegratie.Edge.Cli.Commands.Provision;

/// <summary>
/// <c>edgectl provision</c>: writes a per-gateway bundle: configuration, MQTT client key and CSR, privacy key, and a
/// first-boot script for Raspberry Pi OS bookworm (docs/OPERATIONS.md, "Provisioning").
/// </summary>
public sealed partial class ProvisionCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["provision"];

    /// <inheritdoc />
    public string Summary =>
        "provision --site S --gateway G --broker HOST:PORT --out DIR [--config-template FILE] [--build PUBLISH_DIR] [--ntp SERVER]... [--force]";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var a = CliArgs.Parse(args, ["site", "gateway", "broker", "out", "config-template", "build", "ntp"], ["force"]);
        if (a.Positionals.Count > 0)
        {
            throw new CliUsageException($"unexpected argument '{a.Positionals[0]}'");
        }

        var site = a.Required("site");
        var gateway = a.Required("gateway");
        var outDir = a.Required("out");
        foreach (var (name, value) in new[] { ("site", site), ("gateway", gateway) })
        {
            if (!IdPattern().IsMatch(value))
            {
                return await FailAsync(console, $"--{name} '{value}' must be 1-63 lower-case letters, digits or '-', starting with a letter or digit (it becomes an MQTT topic level and part of the host name)").ConfigureAwait(false);
            }
        }

        if (!BrokerAddress.TryParse(a.Required("broker"), out var broker, out var reason))
        {
            return await FailAsync(console, $"--broker: {reason}").ConfigureAwait(false);
        }

        foreach (var ntp in a.Values("ntp"))
        {
            if (!NtpPattern().IsMatch(ntp))
            {
                return await FailAsync(console, $"--ntp '{ntp}' is not a host name or address").ConfigureAwait(false);
            }
        }

        var deployDir = DeployFiles.FindDeployDirectory();
        var templatePath = a.Value("config-template") ?? (deployDir is null ? null : System.IO.Path.Combine(deployDir, "config", "appsettings.json"));
        if (templatePath is null || !File.Exists(templatePath))
        {
            return await FailAsync(console, templatePath is null
                ? "no configuration template found (no deploy/config/appsettings.json beside edgectl or in this checkout); pass --config-template FILE"
                : $"configuration template {templatePath} does not exist").ConfigureAwait(false);
        }

        var build = a.Value("build");
        if (build is not null && !File.Exists(System.IO.Path.Combine(build, "reintegratie-edge")))
        {
            return await FailAsync(console, $"--build {build} holds no reintegratie-edge executable; run make publish first").ConfigureAwait(false);
        }

        if (build is not null && deployDir is null)
        {
            return await FailAsync(console, "--build needs the deploy/ folder (install.sh) beside edgectl or in this checkout").ConfigureAwait(false);
        }

        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
        {
            if (!a.Flag("force"))
            {
                return await FailAsync(console, $"{outDir} is not empty; it may hold another gateway's keys. Choose a new --out or pass --force to replace it").ConfigureAwait(false);
            }

            Directory.Delete(outDir, recursive: true);
        }

        string config;
        try
        {
            config = GatewayConfig.Fill(await File.ReadAllTextAsync(templatePath, cancellationToken).ConfigureAwait(false), site, gateway, broker!);
        }
        catch (JsonException ex)
        {
            return await FailAsync(console, $"configuration template {templatePath} is not valid JSON: {ex.Message}").ConfigureAwait(false);
        }

        var bundle = new ProvisionBundle(site, gateway, broker!, a.Values("ntp"));
        var sensorNames = GatewayConfig.NetworkSensorNames(config);
        bundle.Write(outDir, config, ClientCredentials.Create($"{site}-{gateway}"), RandomNumberGenerator.GetBytes(32), sensorNames);
        if (build is not null)
        {
            BundleWriter.CopyTree(build, System.IO.Path.Combine(outDir, "build"));
            BundleWriter.CopyTree(deployDir!, System.IO.Path.Combine(outDir, "deploy"));
        }

        var w = console.Out;
        await w.WriteLineAsync($"Bundle for {site}-{gateway} written to {outDir}:").ConfigureAwait(false);
        await w.WriteLineAsync("  appsettings.json      configuration (broker, site, gateway, TLS paths)").ConfigureAwait(false);
        await w.WriteLineAsync("  tls/client.key        MQTT client private key (0600): never leaves this bundle and the gateway").ConfigureAwait(false);
        await w.WriteLineAsync($"  tls/client.csr        send to the broker's CA; put the signed certificate back as tls/client.crt and the CA as tls/ca.crt").ConfigureAwait(false);
        await w.WriteLineAsync("  privacy.key           pseudonymisation key (0400)").ConfigureAwait(false);
        if (sensorNames.Count > 0)
        {
            await w.WriteLineAsync("  tls/sensor-link.csr   the gateway's sensor-network server certificate request: have the site CA sign it as tls/sensor-link.crt").ConfigureAwait(false);
            await w.WriteLineAsync($"  sensors/*.key, *.csr  one client key and request per network sensor ({string.Join(", ", sensorNames)}): sign, load into the sensor, keep off the gateway").ConfigureAwait(false);
        }

        await w.WriteLineAsync("  firstboot.sh          run once on the gateway as root (see README.txt)").ConfigureAwait(false);
        if (build is null)
        {
            await w.WriteLineAsync("  (no build included: copy artifacts/publish/linux-arm64 to build/ and deploy/ beside it, or pass --build)").ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<int> FailAsync(CliConsole console, string message)
    {
        await console.Error.WriteLineAsync($"edgectl provision: {message}").ConfigureAwait(false);
        return 1;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9.:\[\]-]{1,253}$")]
    private static partial Regex NtpPattern();
}
