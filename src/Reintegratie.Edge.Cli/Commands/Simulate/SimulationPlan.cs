using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Cli.Commands.Simulate;

/// <summary>
/// Which configured sensors <c>edgectl simulate</c> can play against a running gateway, and over what: serial
/// families get a pty link at their <c>Port</c>, TCP families connect to their <c>Listen</c> port, bodycams write
/// into their <c>DropFolder</c>. Perimeter inputs (GPIO) cannot be driven from another process and are skipped.
/// </summary>
public sealed class SimulationPlan
{
    private const string SensorsPrefix = "Site:Sensors:";

    private SimulationPlan(IConfiguration configuration, IReadOnlyList<string> transports, IReadOnlyDictionary<string, string> skipped, IReadOnlyList<string> linkCertificateNames)
    {
        Configuration = configuration;
        Transports = transports;
        Skipped = skipped;
        LinkCertificateNames = linkCertificateNames;
    }

    /// <summary>The gateway's configuration reduced to the sensors that are simulated (section paths unchanged).</summary>
    public IConfiguration Configuration { get; }

    /// <summary>One line per simulated sensor: id, family, transport.</summary>
    public IReadOnlyList<string> Transports { get; }

    /// <summary>Sensors that are configured but not simulated, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Skipped { get; }

    /// <summary>The certificate names (<c>CertificateName</c>, else <c>Id</c>) of the simulated sensors that connect over a sensor link (SAPIENT, GSM).</summary>
    public IReadOnlyList<string> LinkCertificateNames { get; }

    /// <summary>Builds the plan; a transport that cannot be created where the configuration says throws <see cref="SimulateSetupException"/>.</summary>
    public static SimulationPlan Build(IConfiguration configuration, string gatewayHost)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var kept = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var transports = new List<string>();
        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);
        var linkNames = new List<string>();
        foreach (var section in configuration.GetSection("Site:Sensors").GetChildren())
        {
            var id = section["Id"];
            if (string.IsNullOrEmpty(id))
            {
                throw new SimulateSetupException($"{section.Path}:Id is missing in the configuration");
            }

            if (bool.TryParse(section["Enabled"], out var enabled) && !enabled)
            {
                skipped[id] = "disabled in the configuration";
                continue;
            }

            if (!Enum.TryParse<SensorFamily>(section["Family"], ignoreCase: true, out var family) || !Enum.IsDefined(family))
            {
                skipped[id] = $"family '{section["Family"]}' has no simulator";
                continue;
            }

            string? transport = family switch
            {
                SensorFamily.RemoteId or SensorFamily.RfDetector => "pty linked at " + CheckLinkPath(section),
                SensorFamily.Gsm or SensorFamily.Sapient => $"TCP to {gatewayHost}:{ListenPort(section, family)}",
                SensorFamily.Bodycam => "sidecars into " + section["DropFolder"],
                _ => null,
            };
            if (transport is null)
            {
                skipped[id] = family == SensorFamily.Perimeter
                    ? $"Perimeter inputs (Driver '{section["Driver"] ?? "gpio"}') are GPIO lines that cannot be driven from another process; the 'simulated' driver exists only inside the gateway (reintegratie-edge --simulate)"
                    : $"family {family} has no simulator";
                continue;
            }

            kept.Add(section.Key);
            transports.Add($"{id} ({family}): {transport}");
            if (family is SensorFamily.Gsm or SensorFamily.Sapient)
            {
                linkNames.Add(section["CertificateName"] is { Length: > 0 } name ? name : id);
            }
        }

        var reduced = new ConfigurationBuilder()
            .AddInMemoryCollection(configuration.AsEnumerable().Where(kv => Keep(kv.Key, kept)))
            .Build();
        return new SimulationPlan(reduced, transports, skipped, linkNames);
    }

    private static bool Keep(string key, HashSet<string> kept)
    {
        if (!key.StartsWith(SensorsPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var rest = key[SensorsPrefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return kept.Contains(colon < 0 ? rest : rest[..colon]);
    }

    /// <summary>
    /// The pty link replaces whatever is at <c>Port</c>: only a free path or a stale link to a pseudo-terminal (a
    /// previous run) may be replaced, never a real device or a udev link to one.
    /// </summary>
    private static string CheckLinkPath(IConfigurationSection section)
    {
        var port = section["Port"];
        var key = section.Path + ":Port";
        if (string.IsNullOrEmpty(port) || !Path.IsPathFullyQualified(port))
        {
            throw new SimulateSetupException($"{key} must be an absolute path where the simulated device link can go, got '{port}'");
        }

        var directory = Path.GetDirectoryName(port);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new SimulateSetupException($"{key}: directory '{directory}' for the simulated device link does not exist");
        }

        var existing = new FileInfo(port);
        if (existing.Exists || existing.LinkTarget is not null || Directory.Exists(port))
        {
            if (existing.LinkTarget is not { } target || !target.StartsWith("/dev/pts/", StringComparison.Ordinal))
            {
                throw new SimulateSetupException($"{key}: '{port}' exists and is not a link to a pseudo-terminal (a real device?); refusing to replace it — point Port at a free path such as /run/reintegratie-edge/{section["Id"]}.tty");
            }
        }

        return port;
    }

    private static int ListenPort(IConfigurationSection section, SensorFamily family)
    {
        var listen = section["Listen"] ?? (family == SensorFamily.Gsm ? "127.0.0.1:4100" : null); // the GSM adapter's default
        var key = section.Path + ":Listen";
        if (listen is null || !IPEndPoint.TryParse(listen, out var endpoint) || !listen.Contains(':', StringComparison.Ordinal))
        {
            throw new SimulateSetupException($"{key} must be host:port, got '{listen}'");
        }

        if (endpoint.Port == 0)
        {
            throw new SimulateSetupException(string.Create(CultureInfo.InvariantCulture,
                $"{key} is '{listen}': port 0 lets the gateway pick a port that cannot be known from outside; configure a fixed port"));
        }

        return endpoint.Port;
    }
}
