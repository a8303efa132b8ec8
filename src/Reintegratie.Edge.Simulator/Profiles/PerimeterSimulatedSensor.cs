using System.Device.Gpio;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Perimeter;
using Reintegratie.Edge.Sensors.Perimeter.Simulation;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// One simulated fence or net input. Actions (scenario step <c>action</c>, <c>args</c>):
/// <list type="bullet">
/// <item><c>open</c>: the contact opens (alarm level; EOL: 4k7 + 4k7 loop).</item>
/// <item><c>close</c>: the contact closes (normal level; EOL: 4k7 loop).</item>
/// <item><c>impact</c> <c>{ms = 800}</c>: a net hit, alarm level for <c>ms</c> then normal (runs in the background).</item>
/// <item><c>chatter</c> <c>{count = 40, intervalMs = 50}</c>: <c>count</c> level changes <c>intervalMs</c> apart, ending normal (background).</item>
/// <item><c>cut</c>: EOL loop open circuit; dual: the tamper line goes to its alarm level; contact: the line opens (alarm level).</item>
/// <item><c>short</c>: EOL loop short circuit; contact/dual: the alarm line is bridged and reads normal (a plain contact cannot tell).</item>
/// <item><c>restore</c>: everything back to normal (lines, tamper line, loop); a running impact or chatter is stopped.</item>
/// <item><c>dead</c>: the input cannot be read (GPIO read throws; the ADC stops answering).</item>
/// <item><c>alive</c>: the input can be read again.</item>
/// </list>
/// </summary>
public sealed partial class PerimeterSimulatedSensor : ISimulatedSensor
{
    private readonly PerimeterOptions _options;
    private readonly SimulatedPerimeterHardware _hardware;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private CancellationTokenSource? _background;
    private Task _backgroundTask = Task.CompletedTask;

    /// <summary>Creates the sensor on <paramref name="hardware"/>.</summary>
    public PerimeterSimulatedSensor(string sensorId, PerimeterOptions options, SimulatedPerimeterHardware hardware, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        SensorId = sensorId;
        _options = options;
        _hardware = hardware;
        _time = context.Time;
        _logger = context.LoggerFactory.CreateLogger<PerimeterSimulatedSensor>();
    }

    /// <inheritdoc />
    public string SensorId { get; }

    /// <summary>The simulated hardware this sensor drives.</summary>
    public SimulatedPerimeterHardware Hardware => _hardware;

    /// <summary>The action names this profile understands.</summary>
    public static IReadOnlyList<string> Actions { get; } = ["open", "close", "impact", "chatter", "cut", "short", "restore", "dead", "alive"];

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string?>> PrepareAsync(CancellationToken cancellationToken)
    {
        Restore();
        IReadOnlyDictionary<string, string?> overrides = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Driver"] = "simulated" };
        return Task.FromResult(overrides);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask; // contacts have no heartbeat: the gateway reads them

    /// <inheritdoc />
    public Task ExecuteAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        LogAction(_logger, SensorId, step.Action, step.Note ?? string.Empty);
        switch (step.Action)
        {
            case "open":
                Background(null);
                SetAlarm(true);
                break;
            case "close":
                Background(null);
                SetAlarm(false);
                break;
            case "impact":
                var ms = IntArg(step, "ms", 800, 1, 600_000);
                Background(token => ImpactAsync(TimeSpan.FromMilliseconds(ms), token));
                break;
            case "chatter":
                var count = IntArg(step, "count", 40, 1, 100_000);
                var interval = IntArg(step, "intervalMs", 50, 1, 600_000);
                Background(token => ChatterAsync(count, TimeSpan.FromMilliseconds(interval), token));
                break;
            case "cut":
                Background(null);
                Cut();
                break;
            case "short":
                Background(null);
                Short();
                break;
            case "restore":
                Background(null);
                Restore();
                break;
            case "dead":
                SetReadable(false);
                break;
            case "alive":
                SetReadable(true);
                break;
            default:
                throw new ArgumentException($"Perimeter sensor '{SensorId}' has no action '{step.Action}'; it knows {string.Join(", ", Actions)}.", nameof(step));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task running;
        lock (_gate)
        {
            running = _backgroundTask;
        }

        await running.ConfigureAwait(false);
        lock (_gate)
        {
            _background?.Dispose();
            _background = null;
        }

        _stop.Dispose();
    }

    private void SetAlarm(bool alarm)
    {
        if (_options.Mode == PerimeterMode.Eol)
        {
            _hardware.Adc.SetLoopResistance(_options.Spi.Channel, alarm ? SimulatedMcp3008.AlarmLoopOhms : SimulatedMcp3008.NormalLoopOhms);
            return;
        }

        _hardware.Gpio.SetInputLevel(_options.Line, alarm ? _options.AlarmLevel : !_options.AlarmLevel);
    }

    private void Cut()
    {
        switch (_options.Mode)
        {
            case PerimeterMode.Eol:
                _hardware.Adc.SetLoopResistance(_options.Spi.Channel, double.PositiveInfinity);
                break;
            case PerimeterMode.Dual:
                _hardware.Gpio.SetInputLevel(_options.TamperLine, _options.AlarmLevel);
                break;
            default:
                SetAlarm(true); // a cut normally-closed loop reads exactly like an open contact
                break;
        }
    }

    private void Short()
    {
        if (_options.Mode == PerimeterMode.Eol)
        {
            _hardware.Adc.SetLoopResistance(_options.Spi.Channel, 0);
            return;
        }

        SetAlarm(false); // a bridged contact reads normal: the reason supervised (EOL) loops exist
    }

    private void Restore()
    {
        SetAlarm(false);
        if (_options.Mode == PerimeterMode.Dual)
        {
            _hardware.Gpio.SetInputLevel(_options.TamperLine, !_options.AlarmLevel);
        }
    }

    private void SetReadable(bool readable)
    {
        if (_options.Mode == PerimeterMode.Eol)
        {
            _hardware.Adc.Responsive = readable;
            return;
        }

        _hardware.Gpio.SetReadable(_options.Line, readable);
        if (_options.Mode == PerimeterMode.Dual)
        {
            _hardware.Gpio.SetReadable(_options.TamperLine, readable);
        }
    }

    private async Task ImpactAsync(TimeSpan hold, CancellationToken token)
    {
        SetAlarm(true);
        await Task.Delay(hold, _time, token).ConfigureAwait(false);
        SetAlarm(false);
    }

    private async Task ChatterAsync(int count, TimeSpan interval, CancellationToken token)
    {
        for (var i = 0; i < count; i++)
        {
            SetAlarm(i % 2 == 0);
            await Task.Delay(interval, _time, token).ConfigureAwait(false);
        }

        SetAlarm(false);
    }

    /// <summary>Stops the running background action (if any) and starts <paramref name="action"/> (if given).</summary>
    private void Background(Func<CancellationToken, Task>? action)
    {
        lock (_gate)
        {
            _background?.Cancel();
            _background?.Dispose();
            _background = null;
            if (action is null)
            {
                return;
            }

            var cts = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            _background = cts;
            var previous = _backgroundTask;
            _backgroundTask = RunBackgroundAsync(previous, action, cts.Token);
        }
    }

    private static async Task RunBackgroundAsync(Task previous, Func<CancellationToken, Task> action, CancellationToken token)
    {
        try
        {
            await previous.ConfigureAwait(false); // the cancelled one has finished touching the lines
            await action(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // replaced by a newer action or the simulation ended
        }
    }

    private static int IntArg(ScenarioStep step, string name, int fallback, int min, int max)
    {
        if (step.Args.ValueKind != JsonValueKind.Object || !step.Args.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var v) && v >= min && v <= max
            ? v
            : throw new ArgumentException($"Step '{step.Action}' of '{step.Sensor}': args.{name} must be an integer from {min} to {max} but is {value.GetRawText()}.", nameof(step));
    }

    [LoggerMessage(EventId = 940, Level = LogLevel.Information, Message = "{Sensor}: {Action} {Note}")]
    private static partial void LogAction(ILogger logger, string sensor, string action, string note);
}
