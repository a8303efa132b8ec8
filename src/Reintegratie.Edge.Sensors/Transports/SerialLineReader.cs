using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Time;

namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>
/// Keeps a line-oriented serial transport open: opens it, frames its lines into an <see cref="ILineHandler"/>,
/// and when it fails or vanishes (pty closed, USB adapter pulled) reports the sensor offline and reopens with
/// exponential backoff and full jitter until it comes back. The handler decides what a valid line is and calls
/// <see cref="SensorHealthRegistry.Touch"/> for it, which brings the sensor online again. Shared by every serial
/// sensor family (Remote ID, RF detector, GSM in serial mode).
/// </summary>
public sealed partial class SerialLineReader
{
    private readonly string _name;
    private readonly Func<Stream> _open;
    private readonly SerialLineReaderOptions _options;
    private readonly IStreamFramer _framer;
    private readonly StreamPump _pump;
    private readonly SensorHealthRegistry? _health;
    private readonly int _sensorIndex;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Backoff _backoff;
    private long _connects;

    /// <summary>Creates a reader over a transport opened by <paramref name="open"/> (called again on every reconnect).</summary>
    /// <param name="name">Name for logs (sensor id).</param>
    /// <param name="open">Opens the transport; throws when it is not there.</param>
    /// <param name="options">Line limit, backoff, presence check (<see cref="SerialLineReaderOptions.Port"/> is checked for presence when set).</param>
    /// <param name="handler">Receives the lines.</param>
    /// <param name="health">Registry for offline reports, or null.</param>
    /// <param name="sensorIndex">Sensor index in the site model.</param>
    /// <param name="time">Clock for backoff delays and reports.</param>
    /// <param name="logger">Logger.</param>
    public SerialLineReader(string name, Func<Stream> open, SerialLineReaderOptions options, ILineHandler handler,
        SensorHealthRegistry? health, int sensorIndex, TimeProvider time, ILogger logger)
        : this(name, open, options, new LineFramer(handler, (options ?? throw new ArgumentNullException(nameof(options))).MaxLineBytes),
            health, sensorIndex, time, logger)
    {
    }

    /// <summary>Creates a reader that feeds a binary <paramref name="framer"/> (MAVLink) instead of a line framer.</summary>
    public SerialLineReader(string name, Func<Stream> open, SerialLineReaderOptions options, IStreamFramer framer,
        SensorHealthRegistry? health, int sensorIndex, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(framer);
        _name = name;
        _open = open;
        _options = options;
        _framer = framer;
        _pump = new StreamPump(framer);
        _health = health;
        _sensorIndex = sensorIndex;
        _time = time;
        _logger = logger;
        _backoff = new Backoff(options.ReconnectBase, options.ReconnectCap);
    }

    /// <summary>A reader over the serial port at <see cref="SerialLineReaderOptions.Port"/>.</summary>
    public static SerialLineReader ForPort(string name, SerialLineReaderOptions options, ILineHandler handler,
        SensorHealthRegistry? health, int sensorIndex, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SerialLineReader(name, () => SerialPortOpener.Open(options.Port, options.Baud, options.Driver), options, handler, health, sensorIndex, time, logger);
    }

    /// <summary>
    /// The adapter's progress: opening the port and handling each chunk read are turns of one loop (a driver that hangs
    /// in open, a handler that blocks, is a stall the supervisor sees). Null: not watched (component tests).
    /// </summary>
    public AdapterProgress? Progress { get; init; }

    /// <summary>Successful opens so far (the first is the initial connect).</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Runs until cancelled; never throws anything but <see cref="OperationCanceledException"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var loop = Progress?.Loop();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Stream? stream = null;
            string reason;
            try
            {
                loop?.Begin();
                try
                {
                    stream = _open();
                }
                finally
                {
                    loop?.End();
                }

                Interlocked.Increment(ref _connects); // read by tests and metrics on other threads
                LogOpened(_logger, _name, _options.Port);
                var framesBefore = _framer.Frames;
                reason = await PumpUntilGoneAsync(stream, loop, cancellationToken).ConfigureAwait(false);
                if (_framer.Frames > framesBefore)
                {
                    _backoff.Reset(); // it worked for a while: start the next reconnect series from the base delay
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                reason = stream is null ? "port_unavailable" : "port_error";
                LogFailed(_logger, _name, _options.Port, ex.Message);
            }
            finally
            {
                if (stream is not null)
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }
            }

            _health?.Report(_sensorIndex, SensorStatus.Offline, reason, _time.GetUtcNow());
            var delay = _backoff.Next();
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> PumpUntilGoneAsync(Stream stream, ProgressLoop? loop, CancellationToken cancellationToken)
    {
        // Some drivers keep a read pending forever after the device disappears; a presence check of the device path
        // ends the connection then, exactly as a read error would.
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = _pump.PumpAsync(stream, loop, connection.Token);
        var watch = WatchPresenceAsync(connection.Token);
        var first = await Task.WhenAny(pump, watch).ConfigureAwait(false);
        await connection.CancelAsync().ConfigureAwait(false);
        try
        {
            await pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the watch ended the connection
        }

        try
        {
            await watch.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the pump ended first
        }

        cancellationToken.ThrowIfCancellationRequested();
        return first == watch ? "port_removed" : "port_closed";
    }

    private async Task WatchPresenceAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.Port) || _options.PresenceCheckInterval <= TimeSpan.Zero)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
            return;
        }

        while (File.Exists(_options.Port))
        {
            await Task.Delay(_options.PresenceCheckInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 250, Level = LogLevel.Information, Message = "{Name}: serial port {Port} open")]
    private static partial void LogOpened(ILogger logger, string name, string port);

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "{Name}: serial port {Port} failed: {Reason}; retrying with backoff")]
    private static partial void LogFailed(ILogger logger, string name, string port, string reason);
}
