using System.Text;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// A simulated Remote ID receiver. "fly" broadcasts an aircraft flying a straight line (Basic ID, Location, System,
/// Operator ID) in the background: every other frame as one BT5-style message pack, the others as single messages
/// from the aircraft's MAC, as a Bluetooth 4 receiver sees them. "unplug" pulls the cable, "replug" puts it back.
/// </summary>
public sealed partial class RemoteIdSimulatedSensor : ISimulatedSensor
{
    private readonly SimulationContext _context;
    private readonly RemoteIdSimulatedLink _link;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _flights = [];
    private readonly ILogger _logger;

    /// <summary>Creates the sensor; its pty link lives in the context's work directory.</summary>
    public RemoteIdSimulatedSensor(string sensorId, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        SensorId = sensorId;
        _context = context;
        _link = new RemoteIdSimulatedLink(Path.Combine(context.WorkDirectory, $"{sensorId}.tty"));
        _logger = context.LoggerFactory.CreateLogger<RemoteIdSimulatedSensor>();
    }

    /// <inheritdoc />
    public string SensorId { get; }

    /// <summary>Lines written so far.</summary>
    public long LinesWritten => Interlocked.Read(ref _linesWritten);

    private long _linesWritten;

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
            case "fly":
                var args = RemoteIdFlightArgs.Parse(step.Args);
                lock (_flights)
                {
                    _flights.RemoveAll(t => t.IsCompleted);
                    _flights.Add(Task.Run(() => FlyAsync(args, _stop.Token), CancellationToken.None));
                }

                break;
            case "unplug":
                _link.Unplug();
                break;
            case "replug":
                _link.Replug();
                break;
            default:
                throw new ArgumentException($"{SensorId}: unknown Remote ID action '{step.Action}' (expected fly, unplug, replug)", nameof(step));
        }

        return Task.CompletedTask;
    }

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
                var messages = RemoteIdFrames.Build(args, lat, lon, speed, heading, _context.Time.GetUtcNow());
                var pack = k % 2 == 0 && args.Transport != "BT4"; // Bluetooth 4 legacy adverts cannot hold a pack
                foreach (var line in RemoteIdFrames.Lines(messages, pack, args.Transport, mac))
                {
                    if (await _link.WriteLineAsync(line, cancellationToken).ConfigureAwait(false))
                    {
                        Interlocked.Increment(ref _linesWritten); // read by tests on other threads
                    }
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
            LogFlightFailed(_logger, SensorId, args.UasId, ex.Message);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] flights;
        lock (_flights)
        {
            flights = [.. _flights];
        }

        await Task.WhenAll(flights).ConfigureAwait(false);
        _link.Dispose();
        _stop.Dispose();
    }

    private static ulong MacOf(string uasId)
    {
        var id = FixedAscii32.From(uasId);
        return (id.StableHash() & 0x0000_FEFF_FFFF_FFFFUL) | 0x0000_0200_0000_0000UL; // locally administered, unicast
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "{Sensor}: flight of {UasId} stopped: {Reason}")]
    private static partial void LogFlightFailed(ILogger logger, string sensor, string uasId, string reason);
}
