using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RemoteId.Mavlink;

/// <summary>
/// A Remote ID receiver that speaks MAVLink 2 (<c>Format: mavlink</c>): HEARTBEAT keeps the sensor online (health
/// follows the heartbeat rate, not the traffic, so a receiver that hears no drone is still seen alive), the
/// OPEN_DRONE_ID_* messages feed the same track assembler as the line format. Bad checksums, signed frames (no key)
/// and malformed packs are counted, logged (hex, capped) and skipped; the transport reconnects with backoff.
/// </summary>
public sealed partial class MavlinkRemoteIdAdapter : ISensorAdapter, IMavlinkFrameHandler
{
    private readonly Sensor _sensor;
    private readonly AdapterContext _context;
    private readonly MalformedFrameReporter _malformed;
    private readonly ILogger _logger;

    /// <summary>Creates the adapter over a transport opened by <paramref name="openTransport"/> (reopened after failures).</summary>
    public MavlinkRemoteIdAdapter(Sensor sensor, RemoteIdOptions options, AdapterContext context, Func<Stream> openTransport)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _sensor = sensor;
        Sensors = [sensor.Index];
        Progress = new AdapterProgress(context.Time, sensor.StallTime);
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<MavlinkRemoteIdAdapter>();
        _malformed = new MalformedFrameReporter(_logger, sensor.Id, context.Time);
        Tracks = RemoteIdTrackAssembler.For(sensor, options, context);
        Framer = new MavlinkFramer(this);
        Reader = new SerialLineReader(sensor.Id, openTransport, options.ToReaderOptions(), Framer, context.Health, sensor.Index, context.Time, _logger) { Progress = Progress };
    }

    /// <summary>Creates the adapter on the serial port named in <paramref name="options"/>.</summary>
    public static MavlinkRemoteIdAdapter ForPort(Sensor sensor, RemoteIdOptions options, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MavlinkRemoteIdAdapter(sensor, options, context, () => SerialPortOpener.Open(options.Port, options.Baud, options.Driver));
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Sensors { get; }

    /// <inheritdoc />
    public AdapterProgress Progress { get; }

    /// <inheritdoc />
    public string Name => _sensor.Id;

    /// <summary>Rejected or malformed frames so far (bad CRC, signed, bad flags, bad packs).</summary>
    public long Malformed => _malformed.Count;

    /// <summary>HEARTBEATs received.</summary>
    public long Heartbeats { get; private set; }

    /// <summary>The framer (checksum and skip counters).</summary>
    public MavlinkFramer Framer { get; }

    /// <summary>The track assembler.</summary>
    public RemoteIdTrackAssembler Tracks { get; }

    /// <summary>The transport reader.</summary>
    public SerialLineReader Reader { get; }

    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => Reader.RunAsync(cancellationToken);

    /// <inheritdoc />
    public void OnFrame(in MavlinkFrame frame)
    {
        if (!MavlinkMessageInfo.TryGet(frame.MessageId, out _, out var fullLength))
        {
            return; // the framer only passes ids it knows
        }

        var now = _context.Time.GetUtcNow();
        if (frame.MessageId == MavlinkMessageInfo.Heartbeat)
        {
            Heartbeats++;
            _context.Health.Touch(_sensor.Index, now);
            return;
        }

        Span<byte> payload = stackalloc byte[fullLength];
        frame.CopyPayload(payload);
        var line = new RemoteIdLine { Transport = RidTransport.Unknown, RssiDbm = float.NaN };
        line.HasMac = MavlinkOdidDecoder.TryMac(payload, frame.MessageId, out line.Mac);
        switch (frame.MessageId)
        {
            case MavlinkMessageInfo.OpenDroneIdBasicId:
                Tracks.ProcessBasicId(line, MavlinkOdidDecoder.DecodeBasicId(payload), now);
                break;
            case MavlinkMessageInfo.OpenDroneIdLocation:
                Tracks.ProcessLocation(line, MavlinkOdidDecoder.DecodeLocation(payload), now);
                break;
            case MavlinkMessageInfo.OpenDroneIdSystem:
                Tracks.ProcessSystem(line, MavlinkOdidDecoder.DecodeSystem(payload), now);
                break;
            case MavlinkMessageInfo.OpenDroneIdMessagePack:
                ProcessPack(line, payload, frame.Payload, now);
                break;
            default:
                break; // Authentication, Self-ID and Operator ID add nothing to a track today
        }
    }

    /// <inheritdoc />
    public void OnRejected(MavlinkReject reason, ReadOnlySpan<byte> bytes) => _malformed.Report(Describe(reason), bytes);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void ProcessPack(in RemoteIdLine line, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> raw, DateTimeOffset now)
    {
        Span<byte> pack = stackalloc byte[OdidFrame.MaxFrameSize];
        var n = MavlinkOdidDecoder.DecodeMessagePack(payload, pack, out var error);
        if (n == 0 || !OdidFrame.TryParse(pack[..n], out var odid, out error))
        {
            _malformed.Report(error ?? "invalid message pack", raw);
            return;
        }

        Tracks.Process(line, odid, now);
    }

    private static string Describe(MavlinkReject reason) => reason switch
    {
        MavlinkReject.BadCrc => "MAVLink checksum mismatch",
        MavlinkReject.Unverifiable => "signed MAVLink frame and no key to verify it",
        MavlinkReject.UnknownFlags => "unknown MAVLink incompatibility flag",
        MavlinkReject.PayloadTooLong => "MAVLink payload longer than the message definition",
        _ => reason.ToString(),
    };
}
