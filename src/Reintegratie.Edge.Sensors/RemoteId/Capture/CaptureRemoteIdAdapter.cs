using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// Remote ID from packet captures (<c>Format: pcap</c> or <c>hci</c>): a capture file played in real time (packet times
/// pace the replay, so fusion sees the incident as it happened) or a live source (libpcap on a monitor-mode Wi-Fi
/// interface, with a <see cref="ChannelHopper"/>; a Bluetooth controller's HCI socket), read on a thread of its own. Every packet goes through
/// <see cref="RemoteIdCaptureDecoder"/>, the same decoder as <c>edgectl decode pcap</c>, and every Remote ID frame into
/// the same <see cref="RemoteIdTrackAssembler"/> as the line format. Bad checksums and malformed packets are counted
/// and logged (hex, capped); a source that fails is reopened with backoff and the sensor reported offline meanwhile.
/// </summary>
public sealed partial class CaptureRemoteIdAdapter : ISensorAdapter
{
    private readonly Sensor _sensor;
    private readonly AdapterContext _context;
    private readonly Func<ICaptureSource> _open;
    private readonly ILogger _logger;
    private readonly MalformedFrameReporter _malformed;
    private readonly Backoff _backoff = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
    private readonly byte[] _packet = new byte[65536];
    private readonly ChannelHopper? _hopper;
    private bool _scanModeSaid;

    /// <summary>Creates the adapter over sources opened by <paramref name="open"/> (called again after a failure).</summary>
    /// <param name="sensor">The sensor.</param>
    /// <param name="options">Its options.</param>
    /// <param name="context">The adapter context.</param>
    /// <param name="open">Opens the source (again after a failure).</param>
    /// <param name="hopper">Tunes a live Wi-Fi interface round its channels while the source is open (null: none).</param>
    public CaptureRemoteIdAdapter(Sensor sensor, RemoteIdOptions options, AdapterContext context, Func<ICaptureSource> open, ChannelHopper? hopper = null)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(open);
        _sensor = sensor;
        Sensors = [sensor.Index];
        Progress = new AdapterProgress(context.Time, sensor.StallTime);
        _context = context;
        _open = open;
        _hopper = hopper;
        _logger = context.LoggerFactory.CreateLogger<CaptureRemoteIdAdapter>();
        _malformed = new MalformedFrameReporter(_logger, sensor.Id, context.Time);
        Tracks = RemoteIdTrackAssembler.For(sensor, options, context);
    }

    /// <summary>Creates the adapter on the capture file, Wi-Fi interface or Bluetooth controller named in <paramref name="options"/>.</summary>
    public static CaptureRemoteIdAdapter ForOptions(Sensor sensor, RemoteIdOptions options, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        if (options.Format == RemoteIdFormat.Hci)
        {
            var device = RemoteIdCaptureKeys.HciDevice(options.Interface);
            return new CaptureRemoteIdAdapter(sensor, options, context, () => HciCaptureSource.Open(device, context.Time));
        }

        if (options.Interface.Length > 0)
        {
            var hopper = new ChannelHopper(options.Interface, options.Channels, options.Dwell, new IwChannelTuner(), context.Time,
                context.LoggerFactory.CreateLogger<ChannelHopper>());
            return new CaptureRemoteIdAdapter(sensor, options, context, () => LibpcapCaptureSource.OpenLive(options.Interface, TimeSpan.FromMilliseconds(100)), hopper);
        }

        return new CaptureRemoteIdAdapter(sensor, options, context, () => new FileCaptureSource(options.Capture));
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Sensors { get; }

    /// <inheritdoc />
    public AdapterProgress Progress { get; }

    /// <inheritdoc />
    public string Name => _sensor.Id;

    /// <summary>What the packets held so far.</summary>
    public CaptureCounters Counters { get; } = new();

    /// <summary>True once a capture file has been played to its end.</summary>
    public bool Finished { get; private set; }

    /// <summary>The track assembler.</summary>
    public RemoteIdTrackAssembler Tracks { get; }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var source = _open();
                LogOpened(_logger, _sensor.Id);
                SayScanModeOnce(source);
                if (!source.IsReplay)
                {
                    await ListenAsync(source, cancellationToken).ConfigureAwait(false);
                    continue; // not reached: a live source runs until cancelled or it fails
                }

                await PlayAsync(source, cancellationToken).ConfigureAwait(false);
                {
                    Finished = true;
                    LogFinished(_logger, _sensor.Id, Counters.ToString());
                    await Task.Delay(Timeout.InfiniteTimeSpan, _context.Time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CaptureFormatException or InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
            {
                LogFailed(_logger, _sensor.Id, ex.Message);
                _context.Health.Report(_sensor.Index, SensorStatus.Offline, "capture_unavailable", _context.Time.GetUtcNow());
            }

            await Task.Delay(_backoff.Next(), _context.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task PlayAsync(ICaptureSource source, CancellationToken cancellationToken)
    {
        using var loop = Progress.Loop(); // handling one packet is a turn; waiting for the next (pacing, a live source) is not
        DateTimeOffset? firstPacket = null;
        var startedAt = _context.Time.GetUtcNow();
        while (source.TryRead(_packet, out var length, out var linkType, out var timestamp))
        {
            if (source.IsReplay)
            {
                // Real time: the n-th packet is handed over as long after the first as it was captured after it.
                firstPacket ??= timestamp;
                var due = startedAt + (timestamp - firstPacket.Value);
                var wait = due - _context.Time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _context.Time, cancellationToken).ConfigureAwait(false);
                }
            }

            loop.Begin();
            try
            {
                Handle(_packet.AsSpan(0, length), linkType);
            }
            finally
            {
                loop.End();
            }

            _backoff.Reset();
        }
    }

    /// <summary>
    /// A live source blocks in its read (up to its read timeout), so it gets a thread of its own; the hopper tunes the
    /// interface meanwhile. Returns only by cancellation or by the source's failure (the caller reopens it).
    /// </summary>
    private async Task ListenAsync(ICaptureSource source, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hopping = _hopper?.RunAsync(stop.Token) ?? Task.CompletedTask;
        try
        {
            await Task.Factory.StartNew(() => Listen(source, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await hopping.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The hopper stops with the source.
            }
        }
    }

    private void Listen(ICaptureSource source, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (source.TryRead(_packet, out var length, out var linkType, out _))
            {
                Handle(_packet.AsSpan(0, length), linkType);
                _backoff.Reset();
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>A Bluetooth source tells once whether it hears Long Range (a reopen after a failure does not repeat it).</summary>
    private void SayScanModeOnce(ICaptureSource source)
    {
        if (_scanModeSaid || source is not HciCaptureSource hci)
        {
            return;
        }

        _scanModeSaid = true;
        if (hci.LongRange)
        {
            LogLongRange(_logger, _sensor.Id, hci.ScanMode);
        }
        else
        {
            LogLegacyOnly(_logger, _sensor.Id, hci.ScanMode);
        }
    }

    private void Handle(ReadOnlySpan<byte> data, int linkType)
    {
        var now = _context.Time.GetUtcNow();
        var result = RemoteIdCaptureDecoder.DecodeFrame(linkType, data, out var rid, out var frame, out var reason);
        Counters.Count(result);
        switch (result)
        {
            case CaptureDecodeResult.RemoteId:
                _context.Health.Touch(_sensor.Index, now);
                Tracks.Process(rid.ToLine(), frame, now);
                break;
            case CaptureDecodeResult.BadChecksum:
                _malformed.Report("frame check sequence / CRC mismatch", data);
                break;
            case CaptureDecodeResult.Malformed or CaptureDecodeResult.UnsupportedLinkType:
                _malformed.Report(reason ?? result.ToString(), data);
                break;
            default:
                _context.Health.Touch(_sensor.Index, now); // the receiver hears the air: it is alive
                break;
        }
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "{Name}: capture source open")]
    private static partial void LogOpened(ILogger logger, string name);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "{Name}: capture replay finished ({Counts})")]
    private static partial void LogFinished(ILogger logger, string name, string counts);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "{Name}: capture source failed: {Reason}; retrying with backoff")]
    private static partial void LogFailed(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Information, Message = "{Name}: Bluetooth {ScanMode}")]
    private static partial void LogLongRange(ILogger logger, string name, string scanMode);

    [LoggerMessage(EventId = 1705, Level = LogLevel.Warning, Message = "{Name}: Bluetooth {ScanMode}")]
    private static partial void LogLegacyOnly(ILogger logger, string name, string scanMode);
}
