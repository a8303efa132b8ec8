using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Sensors.Links;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.Gsm;

/// <summary>
/// One <see cref="SensorLinkListener"/> for the GSM umbrella sensors that share its <see cref="GsmOptions.Listen"/>
/// address. An umbrella's link is identified by its client certificate (or its address, where allowed) before a line
/// is read; each line goes through the one <see cref="LineFramer"/> to the <see cref="GsmLineHandler"/>, which refuses a
/// line whose <c>sensor</c> field is not the link's own sensor (<c>forged_identity</c>, the link is closed). If the
/// address cannot be bound the sensors are reported as faulty and binding is retried with backoff. A sensor whose
/// umbrella stays silent (or disconnected) for its ReportingSeconds is marked offline by the registry's supervision.
/// </summary>
public sealed partial class GsmAdapter : ISensorAdapter
{
    private readonly SensorLinkListener _listener;
    private readonly GsmSensorTable _sensors;
    private readonly SensorHealthRegistry _health;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _maxLineBytes;

    /// <summary>Creates the adapter for an endpoint and its line handler.</summary>
    public GsmAdapter(IPEndPoint listen, GsmOptions options, GsmSensorTable sensors, IReadOnlyList<LinkSensor> links, GsmLineHandler handler, AdapterContext context,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(context);
        _sensors = sensors;
        _health = context.Health;
        _time = context.Time;
        _logger = logger;
        _maxLineBytes = options.MaxLineBytes;
        Handler = handler;
        Name = $"gsm@{listen}";
        Sensors = [.. links.Select(l => l.Sensor.Index)];
        Progress = new AdapterProgress(context.Time, links.Count == 0 ? TimeSpan.FromSeconds(60) : links.Max(l => l.Sensor.StallTime)); // one loop per umbrella link
        _listener = new SensorLinkListener(Name, listen, links, context.Links ?? SensorLinkSettings.TestRig, ServeAsync, context, logger, offlineOnClose: false);
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Sensors { get; }

    /// <inheritdoc />
    public AdapterProgress Progress { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The line handler (counters for tests and metrics).</summary>
    public GsmLineHandler Handler { get; }

    /// <summary>Completes with the bound address once listening (the real port when configured with port 0).</summary>
    public Task<IPEndPoint> Bound => _listener.Bound;

    /// <summary>Connected umbrella links.</summary>
    public int ClientCount => _listener.OpenLinks;

    /// <summary>The link listener (attempt counters).</summary>
    public SensorLinkListener Links => _listener;

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        var faulted = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var run = _listener.RunAsync(cancellationToken);
                if (faulted && _listener.Bound.IsCompleted)
                {
                    faulted = false;
                    ReportAll(SensorStatus.Offline, "listening");
                }

                await run.ConfigureAwait(false);
                return;
            }
            catch (SocketException e)
            {
                LogBindFailed(_logger, Name, e.SocketErrorCode.ToString());
                faulted = true;
                ReportAll(SensorStatus.Fault, "listen_failed");
            }

            try
            {
                await Task.Delay(backoff.Next(), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the listener socket lives and dies inside RunAsync

    private async Task ServeAsync(SensorLink link, CancellationToken cancellationToken)
    {
        var framer = new LineFramer(new LinkLines(Handler, link, _listener.Alarm), _maxLineBytes);
        using var loop = Progress.Loop();
        await framer.PumpAsync(link.Stream, loop, cancellationToken).ConfigureAwait(false);
        framer.Complete();
    }

    private void ReportAll(SensorStatus status, string reason)
    {
        var now = _time.GetUtcNow();
        for (var i = 0; i < _sensors.Count; i++)
        {
            _health.Report(_sensors[i].Index, status, reason, now);
        }
    }

    [LoggerMessage(EventId = 230, Level = LogLevel.Error, Message = "{Name}: cannot listen ({Error}); retrying with backoff")]
    private static partial void LogBindFailed(ILogger logger, string name, string error);

    /// <summary>The lines of one link, checked against the link's identity.</summary>
    private sealed class LinkLines(GsmLineHandler handler, SensorLink link, LinkAlarm alarm) : ILineHandler
    {
        public void OnLine(ReadOnlySpan<byte> line) => handler.Handle(line, link, alarm);

        public void OnOverlongLine(ReadOnlySpan<byte> start, long length) => handler.HandleOverlong((int)Math.Min(length, int.MaxValue), start);
    }
}
