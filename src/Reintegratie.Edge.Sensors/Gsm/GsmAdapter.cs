using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.Gsm;

/// <summary>
/// One TCP listener for the GSM umbrella sensors that share its <see cref="GsmOptions.Listen"/> address. Umbrella
/// clients connect and send JSON lines; each line goes to the <see cref="GsmLineHandler"/>. If the address cannot be
/// bound the sensors are reported as faulty and binding is retried with backoff. A sensor whose umbrella stays silent
/// (or disconnected) for its ReportingSeconds is marked offline by the registry's supervision.
/// </summary>
public sealed partial class GsmAdapter : ISensorAdapter
{
    private readonly TcpLineListener _listener;
    private readonly GsmSensorTable _sensors;
    private readonly SensorHealthRegistry _health;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the adapter for an endpoint and its line handler.</summary>
    public GsmAdapter(IPEndPoint listen, GsmOptions options, GsmSensorTable sensors, GsmLineHandler handler, SensorHealthRegistry health,
        TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        _sensors = sensors;
        _health = health;
        _time = time;
        _logger = logger;
        Handler = handler;
        Name = $"gsm@{listen}";
        _listener = new TcpLineListener(listen, options.MaxLineBytes, options.MaxClients, handler.Handle, handler.HandleOverlong, logger);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The line handler (counters for tests and metrics).</summary>
    public GsmLineHandler Handler { get; }

    /// <summary>Completes with the bound address once listening (the real port when configured with port 0).</summary>
    public Task<IPEndPoint> Bound => _listener.Bound;

    /// <summary>Connected umbrella clients.</summary>
    public int ClientCount => _listener.ClientCount;

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
}
