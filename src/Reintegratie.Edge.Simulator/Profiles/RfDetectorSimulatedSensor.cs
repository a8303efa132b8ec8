using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RfDetector;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// A simulated RF detector. "track" sends <c>$PRFDT</c> sentences with a bearing sweeping from one value to another in
/// the background; "unplug" pulls the cable, "replug" puts it back.
/// </summary>
public sealed partial class RfDetectorSimulatedSensor : SerialLineSimulatedSensor
{
    private readonly FixedAscii32 _headId;

    /// <summary>Creates the sensor; its pty link lives at <paramref name="linkPath"/>, by default in the context's work directory.</summary>
    public RfDetectorSimulatedSensor(string sensorId, SimulationContext context, string? linkPath = null)
        : base(sensorId, context, linkPath)
    {
        var head = new string(sensorId.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(RfSentence.MaxIdLength).ToArray());
        _headId = FixedAscii32.From(head.Length > 0 ? head : "RF1");
    }

    /// <inheritdoc />
    protected override string FamilyName => "RF detector";

    /// <inheritdoc />
    protected override string RunAction => "track";

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
                    TimeOfDay = Context.Time.GetUtcNow().UtcDateTime.TimeOfDay,
                    SensorId = _headId,
                    TrackId = FixedAscii32.From(args.TrackId),
                    BearingDeg = (float)(((Math.Round(bearing, 1) % 360) + 360) % 360),
                    ElevationDeg = 8.5f,
                    RssiDbm = MathF.Round(args.Rssi),
                    FrequencyMhz = args.FreqMhz,
                    Protocol = args.Protocol,
                    ConfidencePercent = 85,
                };
                await WriteLineAsync(RfSentenceEncoder.Format(s), cancellationToken).ConfigureAwait(false);
                await Task.Delay(period, Context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // scenario stopped
        }
        catch (Exception ex)
        {
            LogTrackFailed(Logger, SensorId, args.TrackId, ex.Message);
        }
    }

    /// <inheritdoc />
    protected override Task? StartRun(ScenarioStep step, CancellationToken stop)
    {
        if (step.Action != RunAction)
        {
            return null;
        }

        var args = RfDetectorTrackArgs.Parse(step.Args);
        return Task.Run(() => TrackAsync(args, stop), CancellationToken.None);
    }

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "{Sensor}: RF track {TrackId} stopped: {Reason}")]
    private static partial void LogTrackFailed(ILogger logger, string sensor, string trackId, string reason);
}
