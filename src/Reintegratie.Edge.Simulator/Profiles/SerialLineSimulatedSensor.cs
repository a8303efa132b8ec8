using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// What the simulated serial sensors (Remote ID receiver, RF detector) share: a <see cref="SerialSimulatedLink"/> that
/// the gateway opens as its device, "unplug" / "replug" actions on it, and background runs (a flight, a track) that
/// write lines until they end or the scenario stops. A subclass adds its own run action in <see cref="StartRun"/>.
/// </summary>
public abstract class SerialLineSimulatedSensor : ISimulatedSensor
{
    private readonly SerialSimulatedLink _link;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _runs = [];
    private long _linesWritten;

    /// <summary>Creates the sensor; its pty link lives at <paramref name="linkPath"/>, by default in the context's work directory.</summary>
    protected SerialLineSimulatedSensor(string sensorId, SimulationContext context, string? linkPath)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        ArgumentNullException.ThrowIfNull(context);
        SensorId = sensorId;
        Context = context;
        _link = new SerialSimulatedLink(linkPath ?? Path.Combine(context.WorkDirectory, $"{sensorId}.tty"));
        Logger = context.LoggerFactory.CreateLogger(GetType());
    }

    /// <inheritdoc />
    public string SensorId { get; }

    /// <summary>Lines written so far (read by tests on other threads).</summary>
    public long LinesWritten => Interlocked.Read(ref _linesWritten);

    /// <summary>The simulation's clock, logger factory and work directory.</summary>
    protected SimulationContext Context { get; }

    /// <summary>The sensor's logger.</summary>
    protected ILogger Logger { get; }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string?>> PrepareAsync(CancellationToken cancellationToken)
    {
        _link.Replug();
        IReadOnlyDictionary<string, string?> overrides = new Dictionary<string, string?> { ["Port"] = _link.LinkPath };
        return Task.FromResult(overrides);
    }

    /// <inheritdoc />
    public virtual Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs <paramref name="run"/> in the background until it ends or the sensor is disposed.</summary>
    protected void StartBackground(Func<CancellationToken, Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var task = Task.Run(() => run(_stop.Token), CancellationToken.None);
        lock (_runs)
        {
            _runs.Add(task);
        }
    }

    /// <inheritdoc />
    public Task ExecuteAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        switch (step.Action)
        {
            case "unplug":
                _link.Unplug();
                break;
            case "replug":
                _link.Replug();
                break;
            default:
                var run = StartRun(step, _stop.Token)
                    ?? throw new ArgumentException($"{SensorId}: unknown {FamilyName} action '{step.Action}' (expected {RunAction}, unplug, replug)", nameof(step));
                lock (_runs)
                {
                    _runs.RemoveAll(t => t.IsCompleted);
                    _runs.Add(run);
                }

                break;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] runs;
        lock (_runs)
        {
            runs = [.. _runs];
        }

        await Task.WhenAll(runs).ConfigureAwait(false);
        _link.Dispose();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The family's name in messages, e.g. "Remote ID".</summary>
    protected abstract string FamilyName { get; }

    /// <summary>The action that starts a background run, e.g. "fly".</summary>
    protected abstract string RunAction { get; }

    /// <summary>Starts the background run <paramref name="step"/> asks for; null when the action is not this family's.</summary>
    protected abstract Task? StartRun(ScenarioStep step, CancellationToken stop);

    /// <summary>Writes one line on the link and counts it; not counted while unplugged, as on a real cable.</summary>
    protected Task WriteLineAsync(string line, CancellationToken cancellationToken) =>
        WriteAsync(System.Text.Encoding.ASCII.GetBytes(line + "\r\n"), cancellationToken);

    /// <summary>Writes one line or binary frame on the link and counts it; not counted while unplugged.</summary>
    protected async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (await _link.WriteAsync(bytes, cancellationToken).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _linesWritten);
        }
    }
}
