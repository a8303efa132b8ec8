using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RemoteId.Mavlink;

/// <summary>
/// A Remote ID receiver that speaks MAVLink 2 (<c>Format: mavlink</c>): HEARTBEAT keeps the sensor online (health
/// follows the heartbeat rate, not the traffic, so a receiver that hears no drone is still seen alive), the
/// OPEN_DRONE_ID_* messages feed the same track assembler as the line format. Bad checksums, signed frames (no key)
/// and malformed packs are counted, logged (hex, capped) and skipped; the transport reconnects with backoff.
/// </summary>
public sealed class MavlinkRemoteIdAdapter : SerialSensorAdapter, IMavlinkFrameHandler
{
    /// <summary>Creates the adapter over a transport opened by <paramref name="openTransport"/> (reopened after failures).</summary>
    public MavlinkRemoteIdAdapter(Sensor sensor, RemoteIdOptions options, AdapterContext context, Func<Stream> openTransport)
        : base(sensor, context)
    {
        ArgumentNullException.ThrowIfNull(options);
        Tracks = RemoteIdTrackAssembler.For(sensor, options, context);
        Framer = new MavlinkFramer(this);
        ReadFrames(openTransport, options.ToReaderOptions(), Framer);
    }

    /// <summary>Creates the adapter on the serial port named in <paramref name="options"/>.</summary>
    public static MavlinkRemoteIdAdapter ForPort(Sensor sensor, RemoteIdOptions options, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MavlinkRemoteIdAdapter(sensor, options, context, PortOpener(options.ToReaderOptions()));
    }

    /// <summary>HEARTBEATs received.</summary>
    public long Heartbeats { get; private set; }

    /// <summary>The framer (checksum and skip counters).</summary>
    public MavlinkFramer Framer { get; }

    /// <summary>The track assembler.</summary>
    public RemoteIdTrackAssembler Tracks { get; }

    /// <inheritdoc />
    public void OnFrame(in MavlinkFrame frame)
    {
        if (!MavlinkMessageInfo.TryGet(frame.MessageId, out _, out var fullLength))
        {
            return; // the framer only passes ids it knows
        }

        var now = Context.Time.GetUtcNow();
        if (frame.MessageId == MavlinkMessageInfo.Heartbeat)
        {
            Heartbeats++;
            Context.Health.Touch(Sensor.Index, now);
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
    public void OnRejected(MavlinkReject reason, ReadOnlySpan<byte> bytes) => MalformedFrames.Report(Describe(reason), bytes);

    private void ProcessPack(in RemoteIdLine line, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> raw, DateTimeOffset now)
    {
        Span<byte> pack = stackalloc byte[OdidFrame.MaxFrameSize];
        var n = MavlinkOdidDecoder.DecodeMessagePack(payload, pack, out var error);
        if (n == 0 || !OdidFrame.TryParse(pack[..n], out var odid, out error))
        {
            MalformedFrames.Report(error ?? "invalid message pack", raw);
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
