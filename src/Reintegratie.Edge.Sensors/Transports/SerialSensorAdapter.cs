using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>
/// What every serial sensor adapter shares (RF detector, Remote ID line, MAVLink Remote ID): one sensor, its progress,
/// a malformed-frame reporter, and a <see cref="SerialLineReader"/> that keeps the transport open and reconnects. A
/// subclass holds only its format: its constructor calls <see cref="ReadLines"/> or <see cref="ReadFrames"/> once with
/// its handler, and it parses what comes.
/// </summary>
public abstract class SerialSensorAdapter : ISensorAdapter
{
    private SerialLineReader? _reader;
    private int _maxLineBytes;

    /// <summary>Sets up the parts every serial adapter has; the logger's category is the concrete adapter's type.</summary>
    protected SerialSensorAdapter(Sensor sensor, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(context);
        Sensor = sensor;
        Context = context;
        Sensors = [sensor.Index];
        Progress = new AdapterProgress(context.Time, sensor.StallTime);
        Logger = context.LoggerFactory.CreateLogger(GetType());
        MalformedFrames = new MalformedFrameReporter(Logger, sensor.Id, context.Time);
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Sensors { get; }

    /// <inheritdoc />
    public AdapterProgress Progress { get; }

    /// <inheritdoc />
    public string Name => Sensor.Id;

    /// <summary>Malformed or rejected frames so far.</summary>
    public long Malformed => MalformedFrames.Count;

    /// <summary>The transport reader (connect count for metrics and tests).</summary>
    public SerialLineReader Reader => _reader ?? throw new InvalidOperationException($"{GetType().Name} did not set up its reader");

    /// <summary>The sensor this adapter reads.</summary>
    protected Sensor Sensor { get; }

    /// <summary>Site, sink, health and clock.</summary>
    protected AdapterContext Context { get; }

    /// <summary>The adapter's logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>Counts, logs (hex, capped) and skips bad frames.</summary>
    protected MalformedFrameReporter MalformedFrames { get; }

    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => Reader.RunAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this); // the reader holds nothing between runs: RunAsync closes what it opens
        return ValueTask.CompletedTask;
    }

    /// <summary>Opens a transport on the serial port the options name (the adapters' <c>ForPort</c> factories).</summary>
    protected static Func<Stream> PortOpener(SerialLineReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return () => SerialPortOpener.Open(options.Port, options.Baud, options.Driver);
    }

    /// <summary>Reads lines from the transport into <paramref name="handler"/>.</summary>
    protected void ReadLines(Func<Stream> openTransport, SerialLineReaderOptions options, ILineHandler handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        _maxLineBytes = options.MaxLineBytes;
        _reader = new SerialLineReader(Sensor.Id, openTransport, options, handler, Context.Health, Sensor.Index, Context.Time, Logger) { Progress = Progress };
    }

    /// <summary>Reads the transport's bytes into a binary <paramref name="framer"/> (MAVLink).</summary>
    protected void ReadFrames(Func<Stream> openTransport, SerialLineReaderOptions options, IStreamFramer framer) =>
        _reader = new SerialLineReader(Sensor.Id, openTransport, options, framer, Context.Health, Sensor.Index, Context.Time, Logger) { Progress = Progress };

    /// <summary>Reports a line longer than the reader's limit (an <see cref="ILineHandler.OnOverlongLine"/>).</summary>
    protected void ReportOverlongLine(ReadOnlySpan<byte> start, long length) =>
        MalformedFrames.Report($"line of {length} bytes exceeds MaxLineBytes {_maxLineBytes}", start);
}
