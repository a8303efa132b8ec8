using System.Globalization;
using System.Text.Json;
using Reintegratie.Edge.Simulator;

namespace Reintegratie.Edge.Cli.Commands.Simulate;

/// <summary>
/// Plays a scenario's steps against the simulated sensors, printing each as it plays (offset, sensor, action, note).
/// Offsets are divided by the speed; a flight or track keeps its own duration. Steps for the gateway itself and for
/// sensors that are not simulated are printed as skipped. The timeline ends when the last step has been played and
/// the last flight or track it started (args <c>seconds</c>) has had its time.
/// </summary>
public sealed class TimelinePlayer
{
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyDictionary<string, ISimulatedSensor> _sensors;
    private readonly IReadOnlyDictionary<string, string> _skipped;
    private readonly double _speed;
    private readonly TimeProvider _time;
    private readonly CliConsole _console;

    /// <summary>Creates the player.</summary>
    public TimelinePlayer(IReadOnlyDictionary<string, ISimulatedSensor> sensors, IReadOnlyDictionary<string, string> skipped, double speed, TimeProvider time, CliConsole console)
    {
        _sensors = sensors;
        _skipped = skipped;
        _speed = speed;
        _time = time;
        _console = console;
    }

    /// <summary>Plays the steps (sorted by offset); returns how many steps failed.</summary>
    public async Task<int> PlayAsync(IReadOnlyList<ScenarioStep> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var start = _time.GetUtcNow();
        var end = TimeSpan.Zero;
        var failed = 0;
        foreach (var step in steps)
        {
            var offset = TimeSpan.FromSeconds(step.At / _speed);
            var due = start + offset - _time.GetUtcNow();
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, _time, cancellationToken).ConfigureAwait(false);
            }

            var line = string.Create(CultureInfo.InvariantCulture, $"t+{step.At,6:0.0}s  {step.Sensor,-14} {step.Action,-13} {step.Note}").TrimEnd();
            if (step.Sensor == ScenarioRunner.GatewayTarget)
            {
                await PrintAsync($"{line}  [skipped: gateway actions run only inside the gateway (reintegratie-edge --simulate)]").ConfigureAwait(false);
                continue;
            }

            if (!_sensors.TryGetValue(step.Sensor, out var sensor))
            {
                var reason = _skipped.TryGetValue(step.Sensor, out var why) ? why : "no such sensor in the gateway's configuration";
                await PrintAsync($"{line}  [skipped: {reason}]").ConfigureAwait(false);
                continue;
            }

            await PrintAsync(line).ConfigureAwait(false);
            try
            {
                await sensor.ExecuteAsync(step, cancellationToken).ConfigureAwait(false);
                var seconds = step.Args.ValueKind == JsonValueKind.Object && step.Args.TryGetProperty("seconds", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 0;
                end = TimeSpan.FromTicks(Math.Max(end.Ticks, (offset + TimeSpan.FromSeconds(Math.Max(0, seconds))).Ticks));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                failed++;
                await _console.Error.WriteLineAsync($"edgectl simulate: t+{step.At.ToString("0.0", CultureInfo.InvariantCulture)}s {step.Sensor} {step.Action} failed: {ex.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            }
        }

        var rest = start + end + s_grace - _time.GetUtcNow(); // background flights and tracks finish their course
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, _time, cancellationToken).ConfigureAwait(false);
        }

        return failed;
    }

    private async Task PrintAsync(string line)
    {
        await _console.Out.WriteLineAsync(line).ConfigureAwait(false);
        await _console.Out.FlushAsync().ConfigureAwait(false);
    }
}
