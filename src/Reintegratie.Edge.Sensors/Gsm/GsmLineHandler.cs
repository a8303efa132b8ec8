using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Sensors.Links;
using Reintegratie.Edge.Sensors.Privacy;

namespace Reintegratie.Edge.Sensors.Gsm;

/// <summary>
/// Turns umbrella lines from any source (TCP connection, serial port, test) into <see cref="EventKind.Handset"/>
/// events: parse and pseudonymise, decide novelty, publish, touch the sensor's health. Bad lines are counted and
/// logged redacted, then skipped. Thread-safe: lines may come from several connections at once. Allocates nothing
/// per valid line.
/// </summary>
public sealed class GsmLineHandler
{
    private readonly GsmSensorTable _sensors;
    private readonly Pseudonymiser _pseudonymiser;
    private readonly HandsetNoveltyTracker _novelty;
    private readonly IEventSink _sink;
    private readonly SensorHealthRegistry _health;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxClockSkew;
    private long _accepted;
    private long _clockCorrected;

    /// <summary>Creates the handler.</summary>
    public GsmLineHandler(GsmSensorTable sensors, Pseudonymiser pseudonymiser, HandsetNoveltyTracker novelty, IEventSink sink,
        SensorHealthRegistry health, TimeProvider time, GsmBadLineReporter badLines, TimeSpan maxClockSkew)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(pseudonymiser);
        ArgumentNullException.ThrowIfNull(novelty);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(badLines);
        _sensors = sensors;
        _pseudonymiser = pseudonymiser;
        _novelty = novelty;
        _sink = sink;
        _health = health;
        _time = time;
        BadLines = badLines;
        _maxClockSkew = maxClockSkew;
    }

    /// <summary>Lines published as events.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Lines whose time was too far from the gateway clock and was replaced by the receive time.</summary>
    public long ClockCorrected => Interlocked.Read(ref _clockCorrected);

    /// <summary>Rejected lines (count and log).</summary>
    public GsmBadLineReporter BadLines { get; }

    /// <summary>Handles one line (without its terminator) from a serial port or a test. Blank lines are ignored.</summary>
    public void Handle(ReadOnlySpan<byte> line) => Handle(line, null, null);

    /// <summary>
    /// Handles one line from a sensor link: a line whose <c>sensor</c> is not the link's own (certificate or address)
    /// sensor, or a sensor with another live link, is refused and journaled through <paramref name="alarm"/>, and the
    /// link is closed; nothing of it reaches the ring or the sensor's health.
    /// </summary>
    public void Handle(ReadOnlySpan<byte> line, SensorLink? link, LinkAlarm? alarm)
    {
        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return;
        }

        if (!GsmLineParser.TryParse(line, _sensors, _pseudonymiser, out var parsed, out var reason))
        {
            BadLines.Report(reason, line);
            return;
        }

        var now = _time.GetUtcNow();
        var at = parsed.Time;
        if ((at - now).Duration().TotalSeconds > _maxClockSkew.TotalSeconds)
        {
            Interlocked.Increment(ref _clockCorrected); // exact count, read elsewhere
            at = now;
        }

        var sensor = _sensors[parsed.Entry];
        if (link is not null && link.Claim(sensor.Index) is var claim and not LinkClaim.Held)
        {
            BadLines.Report(claim == LinkClaim.Forged ? "sensor is not the link's own sensor" : "sensor already has a live link", line);
            alarm?.Raise(sensor.Index, claim == LinkClaim.Forged ? "forged_identity" : "duplicate_link", link.Remote);
            link.Close();
            return;
        }

        ref var handset = ref parsed.Handset;
        handset.NewInZone = IsNew(sensor.ZoneIndex, ref parsed);
        _sink.PublishHandset(new EventHeader(EventKind.Handset, SensorFamily.Gsm, sensor.Index, sensor.ZoneIndex, at), handset);
        _health.Touch(sensor.Index, now);
        Interlocked.Increment(ref _accepted); // exact count, read elsewhere
    }

    /// <summary>Handles a line that exceeded the transport's limit and was dropped.</summary>
    public void HandleOverlong(int length, ReadOnlySpan<byte> head) =>
        BadLines.Report("line longer than MaxLineBytes", length, head);

    // The IMSI identifies the subscription and is the stable key; the IMEI stands in when no IMSI was captured.
    private bool IsNew(int zone, ref GsmLine line) =>
        line.Handset.Imsi.HasValue ? _novelty.Observe(zone, line.Handset.Imsi, line.PreviousKeyImsi) :
        line.Handset.Imei.HasValue && _novelty.Observe(zone, line.Handset.Imei, line.PreviousKeyImei);
}
