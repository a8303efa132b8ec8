using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Simulator;
using Reintegratie.Edge.Simulator.Profiles;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.Cli.Commands.Simulate;

/// <summary>
/// <c>edgectl simulate SCENARIO --config FILE [--config FILE]... [--gateway-host HOST] [--speed X]
/// [--sensor-certs DIR --site-ca FILE [--gateway-name NAME]]</c>: plays a scenario's steps against an already running
/// gateway over the transports its configuration names (a pty link at each serial sensor's <c>Port</c>, TCP to each
/// listener's port on the gateway host, sidecars into each bodycam <c>DropFolder</c>). With <c>--sensor-certs</c> the
/// SAPIENT and GSM sensors connect over TLS with the certificates the site issued them (<see cref="SensorCredentialFolder"/>),
/// as the real sensors do; without it they connect in plaintext, which only a gateway that allows it admits. The scenario's own configuration overlay is not applied. Exit 0 at the end of the timeline,
/// 1 on a setup failure (one-line reason) or a failed step, 2 on usage errors, 130 when interrupted (Ctrl-C, SIGTERM).
/// </summary>
public sealed class SimulateCommand : ICliCommand
{
    /// <summary>Exit code after Ctrl-C or SIGTERM (128 + SIGINT, as a shell reports it).</summary>
    public const int Interrupted = 130;

    private static readonly ISimulatedSensorFactory[] s_factories =
    [
        new RemoteIdSimulatorFactory(),
        new RfDetectorSimulatorFactory(),
        new SapientSimulatorFactory(),
        new GsmSimulatorFactory(),
        new BodycamSimulatorFactory(),
    ];

    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["simulate"];

    /// <inheritdoc />
    public string Summary => "simulate SCENARIO --config FILE [--config FILE]... [--gateway-host HOST] [--speed X] [--sensor-certs DIR --site-ca FILE [--gateway-name NAME]]   play a scenario against a running gateway";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var parsed = CliArgs.Parse(args, ["config", "gateway-host", "speed", "sensor-certs", "site-ca", "gateway-name"]);
        if (parsed.Positionals.Count != 1)
        {
            throw new CliUsageException("give exactly one scenario (a built-in name or a file)");
        }

        var configFiles = parsed.Values("config");
        if (configFiles.Count == 0)
        {
            throw new CliUsageException("--config FILE is required (the running gateway's configuration)");
        }

        var speed = Speed(parsed.Value("speed"));
        var gatewayHost = parsed.Value("gateway-host") ?? "127.0.0.1";
        var (sensorCerts, siteCa) = (parsed.Value("sensor-certs"), parsed.Value("site-ca"));
        if ((sensorCerts is null) != (siteCa is null) || (sensorCerts is null && parsed.Value("gateway-name") is not null))
        {
            throw new CliUsageException("--sensor-certs DIR and --site-ca FILE go together (--gateway-name only with them): the sensors' certificates and the CA that issued the gateway's");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true; // stop like Ctrl-C: links removed, sockets closed
            stop.Cancel();
        });
        var workDirectory = Directory.CreateTempSubdirectory("edgectl-simulate-").FullName;
        using var logging = new LoggerFactory([new WarningLoggerProvider(console.Error)]);
        ScenarioRunner? runner = null;
        SensorCredentialFolder? credentials = null;
        try
        {
            var scenario = LoadScenario(parsed.Positionals[0]);
            var configuration = LoadConfiguration(configFiles);
            var host = await ResolveHostAsync(gatewayHost, stop.Token).ConfigureAwait(false);
            var plan = SimulationPlan.Build(configuration, host);
            foreach (var (id, reason) in plan.Skipped)
            {
                await console.Error.WriteLineAsync($"edgectl simulate: warning: sensor {id} is not simulated: {reason}").ConfigureAwait(false);
            }

            if (plan.Transports.Count == 0)
            {
                throw new SimulateSetupException("nothing to simulate: no enabled sensor in the configuration has a transport edgectl can drive");
            }

            // The gateway's sensor-link certificate names its host (edgectl provision): by default the name it was addressed by.
            credentials = sensorCerts is null ? null : OpenCredentials(sensorCerts, siteCa!, parsed.Value("gateway-name") ?? gatewayHost, plan);
            var context = new SimulationContext(workDirectory, TimeProvider.System, logging, new Dictionary<string, object>(), host, UseConfiguredTransports: true)
            {
                LinkCredentials = credentials,
            };
            runner = new ScenarioRunner(scenario, s_factories, context);
            await PrepareAsync(runner, plan, stop.Token).ConfigureAwait(false);
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"scenario '{scenario.Name}': {scenario.Steps.Count} steps against the gateway at {host}, speed {speed:0.##}")).ConfigureAwait(false);
            foreach (var transport in plan.Transports)
            {
                await console.Out.WriteLineAsync("  " + transport).ConfigureAwait(false);
            }

            await StartAsync(runner, stop.Token).ConfigureAwait(false);
            var failed = await new TimelinePlayer(runner.Sensors, plan.Skipped, speed, TimeProvider.System, console).PlayAsync(scenario.Steps, stop.Token).ConfigureAwait(false);
            if (failed > 0)
            {
                await console.Error.WriteLineAsync($"edgectl simulate: scenario '{scenario.Name}' played; {failed} of {scenario.Steps.Count} steps failed").ConfigureAwait(false);
                return 1;
            }

            await console.Out.WriteLineAsync($"scenario '{scenario.Name}' finished").ConfigureAwait(false);
            return 0;
        }
        catch (SimulateSetupException ex)
        {
            await console.Error.WriteLineAsync($"edgectl simulate: {ex.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("edgectl simulate: interrupted; simulated transports closed").ConfigureAwait(false);
            return Interrupted;
        }
        finally
        {
            if (runner is not null)
            {
                await runner.DisposeAsync().ConfigureAwait(false); // closes ptys (removing their links) and sockets
            }

            credentials?.Dispose();

            Directory.Delete(workDirectory, recursive: true);
        }
    }

    private static double Speed(string? text)
    {
        if (text is null)
        {
            return 1;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed) && double.IsFinite(speed) && speed > 0
            ? speed
            : throw new CliUsageException($"--speed must be a number above 0 (2 = twice as fast), got '{text}'");
    }

    private static Scenario LoadScenario(string nameOrPath)
    {
        try
        {
            return Scenario.Load(nameOrPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or JsonException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new SimulateSetupException($"scenario '{nameOrPath}': {ex.Message}", ex);
        }
    }

    /// <summary>The gateway's layering without the files beside its binary: each --config file in order, then environment variables (Mqtt__Host).</summary>
    private static IConfiguration LoadConfiguration(IReadOnlyList<string> files)
    {
        var builder = new ConfigurationBuilder();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                throw new SimulateSetupException($"configuration file '{file}' does not exist");
            }

            builder.AddJsonFile(System.IO.Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }

        try
        {
            return builder.AddEnvironmentVariables().Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or JsonException or IOException)
        {
            throw new SimulateSetupException($"a configuration file cannot be read: {(ex.InnerException ?? ex).Message}", ex);
        }
    }

    private static async Task<string> ResolveHostAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address.ToString();
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return chosen?.ToString() ?? throw new SimulateSetupException($"--gateway-host '{host}' has no address");
        }
        catch (SocketException ex)
        {
            throw new SimulateSetupException($"--gateway-host '{host}' cannot be resolved: {ex.Message}", ex);
        }
    }

    /// <summary>Every simulated link sensor's certificate is loaded before anything starts, so a missing file is one clear line.</summary>
    private static SensorCredentialFolder OpenCredentials(string directory, string siteCaFile, string gatewayName, SimulationPlan plan)
    {
        SensorCredentialFolder? folder = null;
        try
        {
            folder = new SensorCredentialFolder(directory, siteCaFile, gatewayName);
            foreach (var name in plan.LinkCertificateNames)
            {
                _ = folder.Certificate(name);
            }

            return folder;
        }
        catch (InvalidDataException ex)
        {
            folder?.Dispose();
            throw new SimulateSetupException("--sensor-certs: " + ex.Message, ex);
        }
    }

    private static async Task PrepareAsync(ScenarioRunner runner, SimulationPlan plan, CancellationToken cancellationToken)
    {
        try
        {
            // The overrides it returns are for an in-process gateway; the running one already has its configuration.
            _ = await runner.PrepareAsync(_ => plan.Configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new SimulateSetupException($"cannot create the simulated transports: {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
    }

    private static async Task StartAsync(ScenarioRunner runner, CancellationToken cancellationToken)
    {
        foreach (var (id, sensor) in runner.Sensors)
        {
            try
            {
                await sensor.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new SimulateSetupException($"sensor {id} cannot reach the gateway (is it running with this configuration?): {ex.Message.ReplaceLineEndings(" ")}", ex);
            }
        }
    }
}
