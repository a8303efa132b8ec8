using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal.Outbox;
using Reintegratie.Edge.Mqtt;
using Reintegratie.Edge.Mqtt.Broker;
using Reintegratie.Edge.Mqtt.Events;
using Reintegratie.Edge.Mqtt.Sources;
using Reintegratie.Edge.Gateway.Systemd;
using Reintegratie.Edge.Simulator;
using Reintegratie.Edge.Core.Diagnostics;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>Builds, validates and runs the gateway host.</summary>
public static partial class GatewayHost
{
    /// <summary>The host's shutdown timeout; below the unit's TimeoutStopSec.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Runs until SIGTERM/Ctrl-C. Returns the exit code.</summary>
    public static async Task<int> RunAsync(GatewayCommandLine commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var catalog = new SensorCatalog();
        using var bootLogging = LoggerFactory.Create(b => ConfigureLogging(b, null));
        StartTrace.Mark("boot logger created");
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
            if (scenario is not null)
            {
                // --check-config with a scenario prepares its simulated sensors too (in a throwaway folder), so the
                // configuration it validates has the real pty paths and ports, not the scenario's placeholders.
                checkDir = commandLine.CheckConfig ? Directory.CreateTempSubdirectory("edge-check-").FullName : null;
                var workDir = checkDir ?? Path.Combine(stateDir, "simulation");
                Directory.CreateDirectory(workDir);
                var context = new SimulationContext(workDir, TimeProvider.System, bootLogging, catalog.Hardware);
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

            // The embedded broker starts before the host: a port in use is a configuration error (exit 78, one line).
            await using var broker = settings.Mqtt.UsesEmbeddedBroker ? new EmbeddedBroker(settings.Mqtt.EffectivePort, bootLogging.CreateLogger("Broker")) : null;
            if (broker is not null)
            {
                await broker.StartAsync(CancellationToken.None).ConfigureAwait(false);
                StartTrace.Mark("embedded broker started");
            }

            using var host = BuildHost(settings, events, catalog, commandLine, runner, broker);
            StartTrace.Mark("host built");
            if (StartTrace.IsEnabled)
            {
                host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => StartTrace.Mark("every hosted service started (READY=1 now)"));
            }
            await host.RunAsync().ConfigureAwait(false);
            return ExitCodes.Ok;
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
        }
    }

    private static string StripKey(ConfigurationException ex) =>
        ex.Message.StartsWith(ex.Key + ": ", StringComparison.Ordinal) ? ex.Message[(ex.Key.Length + 2)..] : ex.Message;

    /// <summary>
    /// The composition root: every part of the running gateway is registered here, top to bottom. Hosted services start
    /// in registration order and stop in reverse.
    /// </summary>
    private static IHost BuildHost(GatewaySettings settings, MqttEventsOptions events, SensorCatalog catalog, GatewayCommandLine commandLine, ScenarioRunner? runner, EmbeddedBroker? broker)
    {
        // The host: the validated configuration, log lines on standard error, systemd, a stop timeout below the unit's.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddConfiguration(settings.Configuration);
        builder.Logging.ClearProviders();
        ConfigureLogging(builder.Logging, settings.Configuration);
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        var services = builder.Services;

        // What every part is built from.
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        services.AddSingleton(settings.Site);
        services.AddSingleton(catalog);

        // The gateway's parts (journal, ring pipeline with its fusion, journal and events stages, sensor health, outbox,
        // adapters), built in dependency order by GatewayParts.Build, and what MQTT reads from them.
        services.AddSingleton(sp => GatewayParts.Build(
            settings, catalog, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetService<EventStage>()));
        services.AddSingleton<IEventSink>(sp => sp.GetRequiredService<GatewayParts>().Pipeline);
        services.AddSingleton<IOutboxReader>(sp => sp.GetRequiredService<GatewayParts>().Outbox);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayParts>().Health);
        services.AddSingleton<IJournalHeadSource>(sp => new JournalHeadSource(sp.GetRequiredService<GatewayParts>().Journal));
        services.AddSingleton<ICommandHistorySource>(sp => new CommandHistorySource(sp.GetRequiredService<GatewayParts>().Journal));

        // MQTT (embedded broker, the one MQTT session with the events feed) starts before the runtime and so stops
        // after it: the runtime's last journal batch (adapters stopped, ring drained) is delivered while MQTT is up.
        services.AddEdgeMqtt(settings.Mqtt, events, broker);

        // The runtime starts and stops the parts in order: pipeline, adapters; on stop adapters, pipeline drain, journal.
        services.AddSingleton(sp => new GatewayRuntime(
            sp.GetRequiredService<GatewayParts>(), settings, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway")));
        services.AddHostedService(sp => sp.GetRequiredService<GatewayRuntime>());

        // systemd: WATCHDOG=1 only while the pipeline makes progress. READY=1 comes from AddSystemd() only when the
        // parent process is systemd itself (SystemdHelpers.IsSystemdService); a supervisor that speaks sd_notify without
        // being the parent (a container runtime, the benchmark rig) gets it from ReadyNotifier.
        services.AddSingleton<IPipelineProgress>(sp => new EventPipelineProgress(sp.GetRequiredService<GatewayParts>().Pipeline));
        services.AddSystemdWatchdog();
        if (!Microsoft.Extensions.Hosting.Systemd.SystemdHelpers.IsSystemdService())
        {
            services.AddHostedService<ReadyNotifier>();
        }

        // Command-line extras: alerts on standard output, the simulated scenario.
        if (commandLine.PrintAlerts)
        {
            services.AddHostedService(sp => new AlertConsolePrinter(settings.Mqtt, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AlertConsolePrinter>>()));
        }

        if (runner is not null)
        {
            services.AddHostedService(sp => new SimulationService(runner, sp, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Simulator")));
        }

        return builder.Build();
    }

    private static void ConfigureLogging(ILoggingBuilder logging, IConfiguration? configuration)
    {
        if (configuration is not null)
        {
            logging.AddConfiguration(configuration.GetSection("Logging"));
        }

        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });

        // Standard output carries alert JSON lines (--print-alerts); every log line goes to standard error.
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    /// <summary>Sends READY=1 to NOTIFY_SOCKET once every hosted service has started (sd_notify(3)); nothing without a socket.</summary>
    private sealed class ReadyNotifier(IHostApplicationLifetime lifetime, NotifySocketSender sender) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (sender.IsEnabled)
            {
                lifetime.ApplicationStarted.Register(() => sender.Send("READY=1"));
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
