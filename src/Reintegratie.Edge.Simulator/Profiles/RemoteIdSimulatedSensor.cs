using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// A simulated Remote ID receiver. "fly" broadcasts an aircraft flying a straight line (Basic ID, Location, System,
/// Operator ID) in the background: every other frame as one BT5-style message pack, the others as single messages
/// from the aircraft's MAC, as a Bluetooth 4 receiver sees them. "unplug" pulls the cable, "replug" puts it back.
/// As a MAVLink receiver (<c>Format: mavlink</c>) it sends HEARTBEAT once a second from start and one
/// OPEN_DRONE_ID_MESSAGE_PACK per broadcast instead of lines (<see cref="RemoteIdMavlinkFrames"/>).
/// </summary>
public sealed partial class RemoteIdSimulatedSensor : SerialLineSimulatedSensor
{
    /// <summary>Creates the sensor; its pty link lives at <paramref name="linkPath"/>, by default in the context's work directory.</summary>
    public RemoteIdSimulatedSensor(string sensorId, SimulationContext context, string? linkPath = null, bool mavlink = false)
        : base(sensorId, context, linkPath)
    {
        Mavlink = mavlink;
    }

    /// <summary>True when it speaks MAVLink 2 instead of <c>RID,...</c> lines.</summary>
    public bool Mavlink { get; }

    private int _sequence;

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (Mavlink)
        {
            StartBackground(HeartbeatAsync);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override string FamilyName => "Remote ID";

    /// <inheritdoc />
    protected override string RunAction => "fly";

    /// <summary>Runs one flight to its end (what "fly" starts in the background).</summary>
    public async Task FlyAsync(RemoteIdFlightArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var frames = Math.Max(1, (int)Math.Round(args.Seconds * args.RateHz));
        var period = TimeSpan.FromSeconds(1 / args.RateHz);
        var mac = MacOf(args.UasId);
        var speed = (float)(RemoteIdGeometry.DistanceM(args.FromLat, args.FromLon, args.ToLat, args.ToLon) / args.Seconds);
        var heading = (float)RemoteIdGeometry.BearingDeg(args.FromLat, args.FromLon, args.ToLat, args.ToLon);
        try
        {
            for (var k = 0; k <= frames && !cancellationToken.IsCancellationRequested; k++)
            {
                var f = (double)k / frames;
                var lat = args.FromLat + ((args.ToLat - args.FromLat) * f);
                var lon = args.FromLon + ((args.ToLon - args.FromLon) * f);
                var messages = RemoteIdFrames.Build(args, lat, lon, speed, heading, Context.Time.GetUtcNow());
                if (Mavlink)
                {
                    await WriteAsync(RemoteIdMavlinkFrames.Pack(messages, mac, NextSequence()), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var pack = k % 2 == 0 && args.Transport != "BT4"; // Bluetooth 4 legacy adverts cannot hold a pack
                    foreach (var line in RemoteIdFrames.Lines(messages, pack, args.Transport, mac))
                    {
                        await WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
                    }
                }

                await Task.Delay(period, Context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // scenario stopped
        }
        catch (Exception ex)
        {
            LogFlightFailed(Logger, SensorId, args.UasId, ex.Message);
        }
    }

    /// <inheritdoc />
    protected override Task? StartRun(ScenarioStep step, CancellationToken stop)
    {
        if (step.Action != RunAction)
        {
            return null;
        }

        var args = RemoteIdFlightArgs.Parse(step.Args);
        return Task.Run(() => FlyAsync(args, stop), CancellationToken.None);
    }

    private async Task HeartbeatAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await WriteAsync(RemoteIdMavlinkFrames.Heartbeat(NextSequence()), stop).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(1), Context.Time, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the scenario ended
        }
    }

    private byte NextSequence() => (byte)Interlocked.Increment(ref _sequence);

    private static ulong MacOf(string uasId)
    {
        var id = FixedAscii32.From(uasId);
        return (id.StableHash() & 0x0000_FEFF_FFFF_FFFFUL) | 0x0000_0200_0000_0000UL; // locally administered, unicast
    }

    [LoggerMessage(EventId = 941, Level = LogLevel.Warning, Message = "{Sensor}: flight of {UasId} stopped: {Reason}")]
    private static partial void LogFlightFailed(ILogger logger, string sensor, string uasId, string reason);
}
