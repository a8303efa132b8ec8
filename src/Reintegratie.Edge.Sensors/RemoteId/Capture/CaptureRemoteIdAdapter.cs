using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// Remote ID from packet captures (<c>Format: pcap</c>): a capture file played in real time (packet times pace the
/// replay, so fusion sees the incident as it happened) or a live source. Every packet goes through
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

    /// <summary>Creates the adapter over sources opened by <paramref name="open"/> (called again after a failure).</summary>
    public CaptureRemoteIdAdapter(Sensor sensor, RemoteIdOptions options, AdapterContext context, Func<ICaptureSource> open)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(open);
        _sensor = sensor;
        _context = context;
        _open = open;
        _logger = context.LoggerFactory.CreateLogger<CaptureRemoteIdAdapter>();
        _malformed = new MalformedFrameReporter(_logger, sensor.Id, context.Time);
        Tracks = new RemoteIdTrackAssembler(context.Site, context.Sink, sensor.Index, TimeSpan.FromSeconds(options.StaleTrackSeconds), budget: options.CreateBudget());
    }

    /// <summary>Creates the adapter on the capture file named in <paramref name="options"/>.</summary>
    public static CaptureRemoteIdAdapter ForOptions(Sensor sensor, RemoteIdOptions options, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new CaptureRemoteIdAdapter(sensor, options, context, () => new FileCaptureSource(options.Capture));
    }

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
                await PlayAsync(source, cancellationToken).ConfigureAwait(false);
                if (source.IsReplay)
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
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CaptureFormatException or InvalidOperationException)
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

            Handle(_packet.AsSpan(0, length), linkType);
            _backoff.Reset();
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
}
