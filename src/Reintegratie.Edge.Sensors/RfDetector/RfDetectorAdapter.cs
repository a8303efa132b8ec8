using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RfDetector;

/// <summary>
/// An RF drone detector on a serial line: reads <c>$PRFDT</c> sentences and publishes each as a bearing-only drone
/// detection (classification <see cref="DroneClass.UavTransmitter"/>), placed in the zone the site's sectors assign
/// to that bearing. A bad checksum or field is counted, logged and skipped. Nothing is allocated per sentence.
/// </summary>
public sealed class RfDetectorAdapter : ISensorAdapter, ILineHandler
{
    private readonly Sensor _sensor;
    private readonly AdapterContext _context;
    private readonly SerialLineReader _reader;
    private readonly MalformedFrameReporter _malformed;
    private readonly int _maxLineBytes;
    private long _published;

    /// <summary>Creates the adapter over a transport opened by <paramref name="openTransport"/> (reopened after failures).</summary>
    public RfDetectorAdapter(Sensor sensor, RfDetectorOptions options, AdapterContext context, Func<Stream> openTransport)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _sensor = sensor;
        Sensors = [sensor.Index];
        Progress = new AdapterProgress(context.Time, sensor.StallTime);
        _context = context;
        _maxLineBytes = options.MaxLineBytes;
        var logger = context.LoggerFactory.CreateLogger<RfDetectorAdapter>();
        _malformed = new MalformedFrameReporter(logger, sensor.Id, context.Time);
        _reader = new SerialLineReader(sensor.Id, openTransport, options.ToReaderOptions(), this, context.Health, sensor.Index, context.Time, logger) { Progress = Progress };
    }

    /// <summary>Creates the adapter on the serial port named in <paramref name="options"/>.</summary>
    public static RfDetectorAdapter ForPort(Sensor sensor, RfDetectorOptions options, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RfDetectorAdapter(sensor, options, context, () => SerialPortOpener.Open(options.Port, options.Baud, options.Driver));
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Sensors { get; }

    /// <inheritdoc />
    public AdapterProgress Progress { get; }

    /// <inheritdoc />
    public string Name => _sensor.Id;

    /// <summary>Malformed sentences so far.</summary>
    public long Malformed => _malformed.Count;

    /// <summary>Detections published so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>The transport reader.</summary>
    public SerialLineReader Reader => _reader;

    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => _reader.RunAsync(cancellationToken);

    /// <inheritdoc />
    public void OnLine(ReadOnlySpan<byte> line)
    {
        if (!RfSentenceParser.TryParse(line, out var s, out var error))
        {
            _malformed.Report(error!, line);
            return;
        }

        var now = _context.Time.GetUtcNow();
        _context.Health.Touch(_sensor.Index, now);
        var d = DroneData.Unknown;
        d.TrackId = s.TrackId;
        d.TrackKey = s.TrackId.StableHash();
        d.HasBearing = true;
        d.BearingDeg = s.BearingDeg;
        d.ElevationDeg = s.ElevationDeg;
        d.RssiDbm = s.RssiDbm;
        d.FrequencyMhz = s.FrequencyMhz;
        d.Confidence = s.ConfidencePercent / 100f;
        d.Classification = DroneClass.UavTransmitter;
        d.Protocol = s.Protocol;
        var zone = _context.Site.SectorZone(_sensor.Index, s.BearingDeg);

        // The event time is the receive time: a detector's own clock is not trusted for fusion's time windows.
        _context.Sink.PublishDrone(new EventHeader(EventKind.DroneDetection, SensorFamily.RfDetector, _sensor.Index, zone, now), d);
        Interlocked.Increment(ref _published); // read by metrics and tests on other threads
    }

    /// <inheritdoc />
    public void OnOverlongLine(ReadOnlySpan<byte> start, long length) =>
        _malformed.Report($"line of {length} bytes exceeds MaxLineBytes {_maxLineBytes}", start);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
