namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// A Remote ID receiver that is a capture file (<c>Format: pcap</c>, <c>Capture</c>): the gateway plays the file in real
/// time from its start (packet times pace it), so the scenario's capture plays beside the scenario's steps. A relative
/// <c>Capture</c> in a scenario is resolved against the working directory (the repository for <c>make run</c>); a
/// missing file stops the preparation naming the key. It has no actions.
/// </summary>
public sealed class RemoteIdCaptureSimulatedSensor : ISimulatedSensor
{
    private readonly string _capture;

    /// <summary>Creates the sensor for the capture named by the key <paramref name="key"/>.</summary>
    public RemoteIdCaptureSimulatedSensor(string sensorId, string? capture, string key)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        SensorId = sensorId;
        if (string.IsNullOrWhiteSpace(capture) || !File.Exists(Path.GetFullPath(capture)))
        {
            throw new ArgumentException($"{key} must name an existing pcap or pcapng file to play, got '{capture}'", nameof(capture));
        }

        _capture = Path.GetFullPath(capture);
    }

    /// <inheritdoc />
    public string SensorId { get; }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string?>> PrepareAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string?> overrides = new Dictionary<string, string?> { ["Capture"] = _capture };
        return Task.FromResult(overrides);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task ExecuteAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        throw new ArgumentException($"{SensorId}: a capture-file receiver has no actions (got '{step.Action}'); the gateway plays the file from its start", nameof(step));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
