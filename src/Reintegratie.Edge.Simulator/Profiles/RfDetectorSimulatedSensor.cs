using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RfDetector;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// A simulated RF detector. "track" sends <c>$PRFDT</c> sentences with a bearing sweeping from one value to another in
/// the background; "unplug" pulls the cable, "replug" puts it back.
/// </summary>
public sealed partial class RfDetectorSimulatedSensor : ISimulatedSensor
{
    private readonly SimulationContext _context;
    private readonly RemoteIdSimulatedLink _link;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tracks = [];
    private readonly ILogger _logger;
    private readonly FixedAscii32 _headId;
    private long _linesWritten;

    /// <summary>Creates the sensor; its pty link lives in the context's work directory.</summary>
    public RfDetectorSimulatedSensor(string sensorId, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        ArgumentNullException.ThrowIfNull(context);
        SensorId = sensorId;
        _context = context;
        _link = new RemoteIdSimulatedLink(Path.Combine(context.WorkDirectory, $"{sensorId}.tty"));
        _logger = context.LoggerFactory.CreateLogger<RfDetectorSimulatedSensor>();
        var head = new string(sensorId.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(RfSentence.MaxIdLength).ToArray());
        _headId = FixedAscii32.From(head.Length > 0 ? head : "RF1");
    }

    /// <inheritdoc />
    public string SensorId { get; }

    /// <summary>Sentences written so far.</summary>
    public long LinesWritten => Interlocked.Read(ref _linesWritten);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string?>> PrepareAsync(CancellationToken cancellationToken)
    {
        _link.Replug();
        IReadOnlyDictionary<string, string?> overrides = new Dictionary<string, string?> { ["Port"] = _link.LinkPath };
        return Task.FromResult(overrides);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task ExecuteAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        switch (step.Action)
        {
            case "track":
                var args = RfDetectorTrackArgs.Parse(step.Args);
                lock (_tracks)
                {
                    _tracks.RemoveAll(t => t.IsCompleted);
                    _tracks.Add(Task.Run(() => TrackAsync(args, _stop.Token), CancellationToken.None));
                }

                break;
            case "unplug":
                _link.Unplug();
                break;
            case "replug":
                _link.Replug();
                break;
            default:
                throw new ArgumentException($"{SensorId}: unknown RF detector action '{step.Action}' (expected track, unplug, replug)", nameof(step));
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs one track to its end (what "track" starts in the background).</summary>
    public async Task TrackAsync(RfDetectorTrackArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var sentences = Math.Max(1, (int)Math.Round(args.Seconds * args.RateHz));
        var period = TimeSpan.FromSeconds(1 / args.RateHz);
        try
        {
            for (var k = 0; k <= sentences && !cancellationToken.IsCancellationRequested; k++)
            {
                var bearing = args.FromBearing + ((args.ToBearing - args.FromBearing) * k / sentences);
                var s = new RfSentence
                {
                    TimeOfDay = _context.Time.GetUtcNow().UtcDateTime.TimeOfDay,
                    SensorId = _headId,
                    TrackId = FixedAscii32.From(args.TrackId),
                    BearingDeg = (float)(((Math.Round(bearing, 1) % 360) + 360) % 360),
                    ElevationDeg = 8.5f,
                    RssiDbm = MathF.Round(args.Rssi),
                    FrequencyMhz = args.FreqMhz,
                    Protocol = args.Protocol,
                    ConfidencePercent = 85,
                };
                if (await _link.WriteLineAsync(RfSentenceEncoder.Format(s), cancellationToken).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref _linesWritten); // read by tests on other threads
                }

                await Task.Delay(period, _context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // scenario stopped
        }
        catch (Exception ex)
        {
            LogTrackFailed(_logger, SensorId, args.TrackId, ex.Message);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] tracks;
        lock (_tracks)
        {
            tracks = [.. _tracks];
        }

        await Task.WhenAll(tracks).ConfigureAwait(false);
        _link.Dispose();
        _stop.Dispose();
    }

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "{Sensor}: RF track {TrackId} stopped: {Reason}")]
    private static partial void LogTrackFailed(ILogger logger, string sensor, string trackId, string reason);
}
