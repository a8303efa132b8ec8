using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// A Remote ID receiver on a serial line: reads <c>RID,...</c> lines, validates and decodes each frame, assembles
/// tracks and publishes drone detections. Bad lines are counted, logged (hex, capped) and skipped; the transport
/// reconnects with backoff. Per frame nothing is allocated (the frame is decoded into a stack buffer).
/// </summary>
public sealed class RemoteIdAdapter : SerialSensorAdapter, ILineHandler
{
    /// <summary>Creates the adapter over a transport opened by <paramref name="openTransport"/> (reopened after failures).</summary>
    public RemoteIdAdapter(Sensor sensor, RemoteIdOptions options, AdapterContext context, Func<Stream> openTransport)
        : base(sensor, context)
    {
        ArgumentNullException.ThrowIfNull(options);
        Tracks = RemoteIdTrackAssembler.For(sensor, options, context);
        ReadLines(openTransport, options.ToReaderOptions(), this);
    }

    /// <summary>Creates the adapter on the serial port named in <paramref name="options"/>.</summary>
    public static RemoteIdAdapter ForPort(Sensor sensor, RemoteIdOptions options, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RemoteIdAdapter(sensor, options, context, PortOpener(options.ToReaderOptions()));
    }

    /// <summary>The track assembler (counts for metrics and tests).</summary>
    public RemoteIdTrackAssembler Tracks { get; }

    /// <inheritdoc />
    public void OnLine(ReadOnlySpan<byte> line)
    {
        Span<byte> bytes = stackalloc byte[OdidFrame.MaxFrameSize];
        if (!RemoteIdLineParser.TryParse(line, bytes, out var envelope, out var error)
            || !OdidFrame.TryParse(bytes[..envelope.FrameLength], out var frame, out error))
        {
            MalformedFrames.Report(error ?? "invalid line", line);
            return;
        }

        var now = Context.Time.GetUtcNow();
        Context.Health.Touch(Sensor.Index, now);
        try
        {
            Tracks.Process(envelope, frame, now);
        }
        catch (OdidFormatException ex)
        {
            MalformedFrames.Report(ex.Message, line);
        }
    }

    /// <inheritdoc />
    public void OnOverlongLine(ReadOnlySpan<byte> start, long length) => ReportOverlongLine(start, length);
}
