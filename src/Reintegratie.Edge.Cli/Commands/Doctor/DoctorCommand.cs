namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>
/// <c>edgectl doctor</c>: checks a gateway for a technician: configuration and site model, GPIO/serial/SPI devices,
/// live Remote ID capture (monitor-mode Wi-Fi interface, Bluetooth controller, the unit's capabilities),
/// the broker (TCP, TLS, certificate expiry), clock synchronisation, disk space, journal integrity and the privacy
/// key. Exit 0 when nothing failed (warnings allowed), 78 (EX_CONFIG, as the gateway) when the configuration itself
/// is missing or wrong (the check names the key), 1 when another check failed.
/// </summary>
public sealed class DoctorCommand : ICliCommand
{
    /// <summary>The configuration file the installed gateway reads.</summary>
    public const string DefaultConfig = "/etc/reintegratie-edge/appsettings.json";

    /// <summary>Exit code when the configuration is missing or wrong (EX_CONFIG, sysexits.h).</summary>
    public const int ConfigurationError = 78;

    private readonly DoctorProbes _probes;

    /// <summary>Checks the real machine.</summary>
    public DoctorCommand()
        : this(DoctorProbes.System)
    {
    }

    /// <summary>Checks with the given probes (tests).</summary>
    public DoctorCommand(DoctorProbes probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        _probes = probes;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["doctor"];

    /// <inheritdoc />
    public string Summary => "doctor [--config FILE]... [--user NAME] [--json]";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var a = CliArgs.Parse(args, ["config", "user"], ["json"]);
        if (a.Positionals.Count > 0)
        {
            throw new CliUsageException($"unexpected argument '{a.Positionals[0]}'");
        }

        var probes = a.Value("user") is { } user ? _probes with { ServiceUser = user } : _probes;
        var files = a.Values("config") is { Count: > 0 } given ? given : [DefaultConfig];
        var results = await CheckAsync(files, probes, cancellationToken).ConfigureAwait(false);
        await console.Out.WriteAsync(a.Flag("json") ? DoctorReport.Json(results) : DoctorReport.Text(results)).ConfigureAwait(false);
        if (results.Any(r => r.Check == "config" && r.Status == CheckStatus.Fail))
        {
            return ConfigurationError;
        }

        return results.Any(r => r.Status == CheckStatus.Fail) ? 1 : 0;
    }

    /// <summary>Runs every check in checklist order.</summary>
    public static async Task<IReadOnlyList<CheckResult>> CheckAsync(IReadOnlyList<string> files, DoctorProbes probes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probes);
        var results = new List<CheckResult>();
        var (configuration, _, configResult) = LoadedConfiguration.Load(files);
        results.Add(configResult);
        var account = UnixAccount.Find(probes.ServiceUser);
        if (configuration is not null)
        {
            results.AddRange(HardwareChecks.Run(configuration, account));
            results.AddRange(CaptureChecks.Run(configuration, probes));
            results.AddRange(await BrokerCheck.RunAsync(configuration, probes, cancellationToken).ConfigureAwait(false));
        }

        results.Add(HostChecks.Clock(probes.Clock));
        if (configuration is not null)
        {
            results.Add(HostChecks.Disk(configuration));
            results.Add(HostChecks.Journal(configuration));
            results.Add(HostChecks.PrivacyKey(configuration, account));
        }

        return results;
    }
}
