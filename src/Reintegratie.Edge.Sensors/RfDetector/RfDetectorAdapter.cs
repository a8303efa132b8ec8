using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RfDetector;

/// <summary>
/// An RF drone detector on a serial line: reads <c>$PRFDT</c> sentences and publishes each as a bearing-only drone
/// detection (classification <see cref="DroneClass.UavTransmitter"/>), placed in the zone the site's sectors assign
/// to that bearing. A bad checksum or field is counted, logged and skipped. Nothing is allocated per sentence.
/// </summary>
public sealed class RfDetectorAdapter : SerialSensorAdapter, ILineHandler
{
    private long _published;

    /// <summary>Creates the adapter over a transport opened by <paramref name="openTransport"/> (reopened after failures).</summary>
    public RfDetectorAdapter(Sensor sensor, RfDetectorOptions options, AdapterContext context, Func<Stream> openTransport)
        : base(sensor, context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ReadLines(openTransport, options.ToReaderOptions(), this);
    }

    /// <summary>Creates the adapter on the serial port named in <paramref name="options"/>.</summary>
    public static RfDetectorAdapter ForPort(Sensor sensor, RfDetectorOptions options, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RfDetectorAdapter(sensor, options, context, PortOpener(options.ToReaderOptions()));
    }

    /// <summary>Detections published so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <inheritdoc />
    public void OnLine(ReadOnlySpan<byte> line)
    {
        if (!RfSentenceParser.TryParse(line, out var s, out var error))
        {
            MalformedFrames.Report(error!, line);
            return;
        }

        var now = Context.Time.GetUtcNow();
        Context.Health.Touch(Sensor.Index, now);
        var d = s.ToDroneData();
        var zone = Context.Site.SectorZone(Sensor.Index, s.BearingDeg);

        // The event time is the receive time: a detector's own clock is not trusted for fusion's time windows.
        Context.Sink.PublishDrone(new EventHeader(EventKind.DroneDetection, SensorFamily.RfDetector, Sensor.Index, zone, now), d);
        Interlocked.Increment(ref _published); // read by metrics and tests on other threads
    }

    /// <inheritdoc />
    public void OnOverlongLine(ReadOnlySpan<byte> start, long length) => ReportOverlongLine(start, length);
}
