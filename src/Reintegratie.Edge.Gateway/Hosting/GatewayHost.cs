using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reintegratie.Edge.Core.Diagnostics;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Gateway.Logging;
using Reintegratie.Edge.Gateway.Systemd;
using Reintegratie.Edge.Mqtt;
using Reintegratie.Edge.Mqtt.Broker;
using Reintegratie.Edge.Mqtt.Client;
using Reintegratie.Edge.Mqtt.Events;
using Reintegratie.Edge.Mqtt.Topics;
using Reintegratie.Edge.Simulator;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>Builds, validates and runs the gateway.</summary>
public static class GatewayHost
{
    /// <summary>The host's shutdown timeout; below the unit's TimeoutStopSec.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Runs until SIGTERM/Ctrl-C. Returns the exit code.</summary>
    public static async Task<int> RunAsync(GatewayCommandLine commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var catalog = new SensorCatalog();
        ILoggerFactory? logging = null;
        ScenarioRunner? runner = null;
        string? checkDir = null;
        try
        {
            var stateDir = StatePaths.Resolve(commandLine.StateDir, Environment.GetEnvironmentVariable);
            Scenario? scenario = null;
            if (commandLine.Simulate is { } name)
            {
                try
                {
                    scenario = Scenario.Load(name);
                }
                catch (FileNotFoundException ex)
                {
                    throw new ConfigurationException("--simulate", ex.Message);
                }
            }

            // --simulate runs on the embedded broker unless a broker is configured; nothing else starts it implicitly.
            var defaults = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            var plain = GatewayConfiguration.Build(commandLine, scenario?.Configuration);
            StartTrace.Mark("configuration files read (first pass)");
            if (scenario is not null && string.IsNullOrWhiteSpace(plain["Mqtt:Host"]) && plain["Mqtt:Embedded"] is null)
            {
                defaults["Mqtt:Embedded"] = "true";
            }

            IConfiguration Build(IReadOnlyDictionary<string, string?> overrides)
            {
                var root = GatewayConfiguration.Build(commandLine, scenario?.Configuration);
                return overrides.Count + defaults.Count == 0
                    ? root
                    : new ConfigurationBuilder().AddConfiguration(root).AddInMemoryCollection(defaults).AddInMemoryCollection(overrides).Build();
            }

            var configuration = Build(new Dictionary<string, string?>());
            StartTrace.Mark("configuration read");
            EdgeConfigurationSchema.Check(configuration);
            StartTrace.Mark("configuration keys checked");

            // Before the first socket (the simulation's, the broker's): System.Net.Sockets reads the switch once.
            var process = GatewayConfiguration.Bind(configuration, GatewayProcessOptions.Section, static s => s.Get<GatewayProcessOptions>(GatewayConfiguration.Lenient));
            if (!commandLine.CheckConfig)
            {
                InlineSocketCompletions.Apply(process.InlineSocketCompletions);
            }

            // The one logger factory of the run (the simulated sensors, the embedded broker and every part log through it).
            logging = GatewayLogging.Create(configuration, SystemdHelpers.IsSystemdService());
            StartTrace.Mark("logging configured");
            if (!commandLine.CheckConfig && process.InlineSocketCompletions)
            {
                var logger = logging.CreateLogger("Gateway");
                _ = Task.Run(() => InlineSocketCompletions.CheckAsync(wanted: true, logger)); // beside the start, not in its path
            }

            if (scenario is not null)
            {
                // --check-config with a scenario prepares its simulated sensors too (in a throwaway folder), so the
                // configuration it validates has the real pty paths and ports, not the scenario's placeholders.
                checkDir = commandLine.CheckConfig ? Directory.CreateTempSubdirectory("edge-check-").FullName : null;
                var workDir = checkDir ?? Path.Combine(stateDir, "simulation");
                Directory.CreateDirectory(workDir);
                var context = new SimulationContext(workDir, TimeProvider.System, logging, catalog.Hardware);
                runner = new ScenarioRunner(scenario, catalog.Simulators, context);
                var overrides = await runner.PrepareAsync(Build, CancellationToken.None).ConfigureAwait(false);
                configuration = Build(overrides);
            }

            var settings = GatewayValidation.Validate(configuration, stateDir, catalog);
            var events = MqttEventsOptions.Bind(configuration);
            StartTrace.Mark("configuration validated and bound");
            if (commandLine.CheckConfig)
            {
                await Console.Out.WriteLineAsync(
                    $"configuration valid: site '{settings.Site.Name}', {settings.Site.Zones.Count} zones, {settings.Site.Sensors.Count} sensors, journal {settings.Journal.Path}, broker {(settings.Mqtt.UsesEmbeddedBroker ? "embedded 127.0.0.1:" + settings.Mqtt.EffectivePort : settings.Mqtt.EffectiveHost + ":" + settings.Mqtt.EffectivePort)}")
                    .ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            // The embedded broker starts before the gateway: a port in use is a configuration error (exit 78, one line).
            await using var broker = settings.Mqtt.UsesEmbeddedBroker ? new EmbeddedBroker(settings.Mqtt.EffectivePort, logging.CreateLogger("Broker")) : null;
            if (broker is not null)
            {
                await broker.StartAsync(CancellationToken.None).ConfigureAwait(false);
                StartTrace.Mark("embedded broker started");
            }

            await using var app = Compose(settings, events, catalog, commandLine, runner, broker, logging);
            StartTrace.Mark("gateway composed");
            return await app.RunAsync().ConfigureAwait(false);
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"reintegratie-edge: configuration error: {ex.Key}: {StripKey(ex)}").ConfigureAwait(false);
            return ExitCodes.Config;
        }
        finally
        {
            if (runner is not null)
            {
                await runner.DisposeAsync().ConfigureAwait(false);
            }

            if (checkDir is not null)
            {
                Directory.Delete(checkDir, recursive: true);
            }

            logging?.Dispose();
        }
    }

    private static string StripKey(ConfigurationException ex) =>
        ex.Message.StartsWith(ex.Key + ": ", StringComparison.Ordinal) ? ex.Message[(ex.Key.Length + 2)..] : ex.Message;

    /// <summary>
    /// The composition root: every part of the running gateway is built here, top to bottom, by its constructor (no DI
    /// container: its reflection-driven resolution was about a third of the NativeAOT start's CPU). Services start in
    /// the order listed and stop in reverse.
    /// </summary>
    private static GatewayApp Compose(GatewaySettings settings, MqttEventsOptions events, SensorCatalog catalog, GatewayCommandLine commandLine,
        ScenarioRunner? runner, EmbeddedBroker? broker, ILoggerFactory logging)
    {
        var time = TimeProvider.System;
        var services = new List<IHostedService>();
        var owned = new List<object>();

        // Live events (Mqtt:Events): stage "events" after the journal hands them to the MQTT session.
        var handoff = events.Enabled ? EventHandoff.For(events) : null;
        var eventStage = handoff is null ? null : new EventStage(events, new MqttTopics(settings.Mqtt.Prefix, settings.Mqtt.Site, settings.Mqtt.Gateway), settings.Site, handoff);
        if (eventStage is not null)
        {
            owned.Add(eventStage);
        }

        // The gateway's parts (journal, ring pipeline with its fusion, journal and events stages, sensor health, outbox,
        // adapters), built in dependency order by GatewayParts.Build.
        var parts = GatewayParts.Build(settings, catalog, time, logging, eventStage);
        owned.Add(parts);

        // MQTT (the embedded broker, the one MQTT session with the events feed) starts before the runtime and so stops
        // after it: the runtime's last journal batch (adapters stopped, ring drained) is delivered while MQTT is up.
        if (broker is not null)
        {
            services.Add(broker); // started already (a port in use is exit 78); stops last
        }

        var session = new MqttSession(Options.Create(settings.Mqtt), parts.Outbox, parts.Pipeline, time, logging.CreateLogger<MqttSession>(),
            parts.Health, new JournalHeadSource(parts.Journal), activeAlerts: null, new CommandHistorySource(parts.Journal), settings.Site, handoff,
            events.Enabled ? events : null);
        Add(session);

        // The runtime starts and stops the parts in order: pipeline, adapters; on stop adapters, pipeline drain, journal.
        Add(new GatewayRuntime(parts, settings, time, logging.CreateLogger("Gateway")));

        // systemd: WATCHDOG=1 only while the pipeline makes progress; READY=1 and STOPPING=1 come from GatewayApp.
        var systemd = new SystemdEnvironment();
        var notify = new NotifySocketSender(systemd, logging.CreateLogger<NotifySocketSender>());
        Add(new WatchdogService(systemd, notify, new EventPipelineProgress(parts.Pipeline), time, logging.CreateLogger<WatchdogService>()));

        // Command-line extras: alerts on standard output, the simulated scenario.
        if (commandLine.PrintAlerts)
        {
            Add(new AlertConsolePrinter(settings.Mqtt, time, logging.CreateLogger<AlertConsolePrinter>()));
        }

        if (runner is not null)
        {
            Add(new SimulationService(runner, broker, logging.CreateLogger("Simulator")));
        }

        return new GatewayApp(services, owned, notify, ShutdownTimeout, logging.CreateLogger("Gateway"));

        void Add<T>(T service)
            where T : IHostedService, IDisposable
        {
            services.Add(service);
            owned.Add(service);
        }
    }
}
