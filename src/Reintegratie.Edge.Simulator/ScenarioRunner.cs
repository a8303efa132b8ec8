using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Simulator;

/// <summary>
/// Runs a scenario: creates a simulated sensor for every configured sensor whose family has a simulator profile,
/// prepares their transports (returning the configuration the gateway must use), connects them, then performs the
/// timeline. Steps for sensor id <c>gateway</c> go to the host's own handler (e.g. a broker outage).
/// </summary>
public sealed partial class ScenarioRunner : IAsyncDisposable
{
    /// <summary>Sensor id of steps the gateway host handles itself.</summary>
    public const string GatewayTarget = "gateway";

    private readonly Scenario _scenario;
    private readonly Dictionary<SensorFamily, ISimulatedSensorFactory> _factories;
    private SimulationContext _context;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ISimulatedSensor> _sensors = new(StringComparer.Ordinal);

    /// <summary>Creates the runner.</summary>
    public ScenarioRunner(Scenario scenario, IEnumerable<ISimulatedSensorFactory> factories, SimulationContext context,
        Func<ScenarioStep, CancellationToken, Task>? gatewayActions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _scenario = scenario;
        _factories = factories.ToDictionary(f => f.Family);
        _context = context;
        GatewayActions = gatewayActions;
        _logger = context.LoggerFactory.CreateLogger("Simulator");
    }

    /// <summary>Handler of steps addressed to <see cref="GatewayTarget"/> (set by the host once it runs).</summary>
    public Func<ScenarioStep, CancellationToken, Task>? GatewayActions { get; set; }

    /// <summary>The simulated sensors by id (after <see cref="PrepareAsync"/>).</summary>
    public IReadOnlyDictionary<string, ISimulatedSensor> Sensors => _sensors;

    /// <summary>
    /// Picks free loopback ports for listeners configured as <c>host:0</c> (returned as overrides), then creates and
    /// prepares every simulated sensor. Returns configuration overrides (full keys such as <c>Site:Sensors:3:Port</c>).
    /// In-process, with network sensors and neither <c>SensorLinks:Tls</c> nor <c>SensorLinks:AllowUnauthenticated</c>
    /// configured, a <see cref="Transports.DevSitePki"/> is made in the work directory and its <c>SensorLinks:Tls</c>
    /// keys are among the overrides: the simulated sensors then connect over TLS with their own client certificates.
    /// </summary>
    /// <param name="buildConfiguration">Rebuilds the configuration with the given overrides applied last.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<IReadOnlyDictionary<string, string?>> PrepareAsync(
        Func<IReadOnlyDictionary<string, string?>, IConfiguration> buildConfiguration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(buildConfiguration);
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var config = buildConfiguration(overrides);
        var sensors = config.GetSection("Site:Sensors").GetChildren().ToList();
        foreach (var section in sensors)
        {
            var listen = section["Listen"];
            if (listen is not null && listen.EndsWith(":0", StringComparison.Ordinal))
            {
                overrides[$"{section.Path}:Listen"] = $"{listen[..^2]}:{FreeLoopbackPort()}";
            }
        }

        config = buildConfiguration(overrides);
        if (NeedsDevPki(config))
        {
            _context.LinkPki?.Dispose();
            _context = _context with { LinkPki = new Transports.DevSitePki(Path.Combine(_context.WorkDirectory, "pki"), _context.Time) };
            foreach (var (key, value) in _context.LinkPki.LinkOverrides)
            {
                overrides[key] = value;
            }

            LogDevPki(_logger, _context.LinkPki.Directory);
        }

        foreach (var section in config.GetSection("Site:Sensors").GetChildren())
        {
            var id = section["Id"] ?? string.Empty;
            if (!Enum.TryParse<SensorFamily>(section["Family"], ignoreCase: true, out var family) || !_factories.TryGetValue(family, out var factory))
            {
                LogNoProfile(_logger, id, section["Family"] ?? "?");
                continue;
            }

            var sensor = factory.Create(section, _context);
            _sensors[id] = sensor;
            foreach (var (key, value) in await sensor.PrepareAsync(cancellationToken).ConfigureAwait(false))
            {
                overrides[$"{section.Path}:{key}"] = value;
            }
        }

        return overrides;
    }

    /// <summary>Connects the simulated sensors (the gateway is listening by now).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var sensor in _sensors.Values)
        {
            await sensor.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Performs the timeline, each step at its offset from now; failures of one step are logged, not fatal.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var start = _context.Time.GetUtcNow();
        LogScenarioStart(_logger, _scenario.Name, _scenario.Steps.Count);
        foreach (var step in _scenario.Steps)
        {
            var due = start + TimeSpan.FromSeconds(step.At) - _context.Time.GetUtcNow();
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, _context.Time, cancellationToken).ConfigureAwait(false);
            }

            LogStep(_logger, step.At.ToString("0.0", CultureInfo.InvariantCulture), step.Sensor, step.Action, step.Note ?? string.Empty);
            try
            {
                if (step.Sensor == GatewayTarget && GatewayActions is { } gatewayActions)
                {
                    await gatewayActions(step, cancellationToken).ConfigureAwait(false);
                }
                else if (_sensors.TryGetValue(step.Sensor, out var sensor))
                {
                    await sensor.ExecuteAsync(step, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    LogUnknownSensor(_logger, step.Sensor);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                LogStepFailed(_logger, ex, step.Sensor, step.Action);
            }
        }

        LogScenarioDone(_logger, _scenario.Name);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var sensor in _sensors.Values)
        {
            try
            {
                await sensor.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogStepFailed(_logger, ex, sensor.SensorId, "dispose");
            }
        }

        _sensors.Clear();
        _context.LinkPki?.Dispose();
    }

    private bool NeedsDevPki(IConfiguration config)
    {
        if (_context.UseConfiguredTransports
            || !string.IsNullOrWhiteSpace(config["SensorLinks:Tls:CaFile"])
            || string.Equals(config["SensorLinks:AllowUnauthenticated"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return false; // the gateway's own configuration decides how its sensors connect
        }

        return config.GetSection("Site:Sensors").GetChildren().Any(s =>
            Enum.TryParse<SensorFamily>(s["Family"], ignoreCase: true, out var f)
            && (f == SensorFamily.Sapient || (f == SensorFamily.Gsm && !string.IsNullOrWhiteSpace(s["Listen"]))));
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Scenario '{Name}': {Steps} steps")]
    private static partial void LogScenarioStart(ILogger logger, string name, int steps);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "t+{At}s {Sensor} {Action} {Note}")]
    private static partial void LogStep(ILogger logger, string at, string sensor, string action, string note);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Sensor {Sensor} ({Family}) has no simulator profile; it is not simulated")]
    private static partial void LogNoProfile(ILogger logger, string sensor, string family);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "Scenario step for unknown sensor {Sensor} skipped")]
    private static partial void LogUnknownSensor(ILogger logger, string sensor);

    [LoggerMessage(EventId = 504, Level = LogLevel.Error, Message = "Scenario step {Sensor} {Action} failed")]
    private static partial void LogStepFailed(ILogger logger, Exception ex, string sensor, string action);

    [LoggerMessage(EventId = 505, Level = LogLevel.Information, Message = "Scenario '{Name}' finished; sensors keep running until stopped")]
    private static partial void LogScenarioDone(ILogger logger, string name);

    [LoggerMessage(EventId = 506, Level = LogLevel.Information, Message = "Simulated network sensors connect over TLS with client certificates of a dev CA made for this run in {Directory}")]
    private static partial void LogDevPki(ILogger logger, string directory);
}
