using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// A Remote ID receiver on a serial line: reads <c>RID,...</c> lines, validates and decodes each frame, assembles
/// tracks and publishes drone detections. Bad lines are counted, logged (hex, capped) and skipped; the transport
/// reconnects with backoff. Per frame nothing is allocated (the frame is decoded into a stack buffer).
/// </summary>
public sealed class RemoteIdAdapter : ISensorAdapter, ILineHandler
{
    private readonly Sensor _sensor;
    private readonly AdapterContext _context;
    private readonly SerialLineReader _reader;
    private readonly MalformedFrameReporter _malformed;
    private readonly int _maxLineBytes;

    /// <summary>Creates the adapter over a transport opened by <paramref name="openTransport"/> (reopened after failures).</summary>
    public RemoteIdAdapter(Sensor sensor, RemoteIdOptions options, AdapterContext context, Func<Stream> openTransport)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _sensor = sensor;
        _context = context;
        Sensors = [sensor.Index];
        Progress = new AdapterProgress(context.Time, sensor.StallTime);
        _maxLineBytes = options.MaxLineBytes;
        var logger = context.LoggerFactory.CreateLogger<RemoteIdAdapter>();
        _malformed = new MalformedFrameReporter(logger, sensor.Id, context.Time);
        Tracks = RemoteIdTrackAssembler.For(sensor, options, context);
        _reader = new SerialLineReader(sensor.Id, openTransport, options.ToReaderOptions(), this, context.Health, sensor.Index, context.Time, logger) { Progress = Progress };
    }

    /// <summary>Creates the adapter on the serial port named in <paramref name="options"/>.</summary>
    public static RemoteIdAdapter ForPort(Sensor sensor, RemoteIdOptions options, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RemoteIdAdapter(sensor, options, context, () => SerialPortOpener.Open(options.Port, options.Baud, options.Driver));
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Sensors { get; }

    /// <inheritdoc />
    public AdapterProgress Progress { get; }

    /// <inheritdoc />
    public string Name => _sensor.Id;

    /// <summary>Malformed lines so far.</summary>
    public long Malformed => _malformed.Count;

    /// <summary>The track assembler (counts for metrics and tests).</summary>
    public RemoteIdTrackAssembler Tracks { get; }

    /// <summary>The transport reader (connect count for metrics and tests).</summary>
    public SerialLineReader Reader => _reader;

    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => _reader.RunAsync(cancellationToken);

    /// <inheritdoc />
    public void OnLine(ReadOnlySpan<byte> line)
    {
        Span<byte> bytes = stackalloc byte[OdidFrame.MaxFrameSize];
        if (!RemoteIdLineParser.TryParse(line, bytes, out var envelope, out var error)
            || !OdidFrame.TryParse(bytes[..envelope.FrameLength], out var frame, out error))
        {
            _malformed.Report(error ?? "invalid line", line);
            return;
        }

        var now = _context.Time.GetUtcNow();
        _context.Health.Touch(_sensor.Index, now);
        try
        {
            Tracks.Process(envelope, frame, now);
        }
        catch (OdidFormatException ex)
        {
            _malformed.Report(ex.Message, line);
        }
    }

    /// <inheritdoc />
    public void OnOverlongLine(ReadOnlySpan<byte> start, long length) =>
        _malformed.Report($"line of {length} bytes exceeds MaxLineBytes {_maxLineBytes}", start);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
