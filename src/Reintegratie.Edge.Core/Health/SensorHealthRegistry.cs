using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Core.Health;

/// <summary>
/// The live health of every configured sensor. Adapters call <see cref="Touch"/> per frame (one volatile write)
/// and <see cref="Report"/> on transitions; a transition is also published into the ring as a
/// <see cref="EventKind.SensorHealth"/> event so fusion and the journal see it. <see cref="Supervise"/>, called
/// periodically, marks sensors offline that have not reported within their reporting time.
/// MQTT reads <see cref="Snapshot"/> to publish retained <c>…/sensors/{id}</c> messages when <see cref="Version"/> changes.
/// </summary>
public sealed class SensorHealthRegistry
{
    private readonly SiteModel _site;
    private readonly IEventSink _sink;
    private readonly TimeProvider _time;
    private readonly long[] _lastSeenTicks;
    private readonly int[] _status; // SensorStatus as int so it can be read with Volatile
    private readonly string[] _reason;
    private readonly long[] _changedTicks;
    private readonly object _gate = new();
    private long _version;

    /// <summary>Creates the registry; every sensor starts offline ("not_seen_yet").</summary>
    public SensorHealthRegistry(SiteModel site, IEventSink sink, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(site);
        _site = site;
        _sink = sink;
        _time = time;
        var n = site.Sensors.Count;
        _lastSeenTicks = new long[n];
        _status = new int[n];
        _reason = new string[n];
        _changedTicks = new long[n];
        var now = time.GetUtcNow().UtcTicks;
        for (var i = 0; i < n; i++)
        {
            _status[i] = (int)SensorStatus.Offline;
            _reason[i] = "not_seen_yet";
            _lastSeenTicks[i] = now; // the reporting time counts from start-up
            _changedTicks[i] = now;
        }
    }

    /// <summary>Increases on every transition (cheap change detection for publishers).</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The sensor sent something valid at <paramref name="at"/>. Brings an offline sensor online.</summary>
    public void Touch(int sensorIndex, DateTimeOffset at)
    {
        if ((uint)sensorIndex >= (uint)_lastSeenTicks.Length)
        {
            return;
        }

        Volatile.Write(ref _lastSeenTicks[sensorIndex], at.UtcTicks); // release: read by Supervise on the timer thread
        if (Volatile.Read(ref _status[sensorIndex]) == (int)SensorStatus.Offline) // acquire: cheap check before the lock
        {
            Report(sensorIndex, SensorStatus.Online, "reporting", at);
        }
    }

    /// <summary>True when the sensor is online now (false for an unknown index).</summary>
    public bool IsOnline(int sensorIndex) =>
        (uint)sensorIndex < (uint)_status.Length && Volatile.Read(ref _status[sensorIndex]) == (int)SensorStatus.Online; // acquire: written under the lock by Report

    /// <summary>Sets a sensor's status; publishes a health event when it changes. Returns true on a transition.</summary>
    public bool Report(int sensorIndex, SensorStatus status, string reason, DateTimeOffset at)
    {
        if ((uint)sensorIndex >= (uint)_status.Length)
        {
            return false;
        }

        SensorStatus previous;
        lock (_gate)
        {
            previous = (SensorStatus)_status[sensorIndex];
            if (previous == status && _reason[sensorIndex] == reason)
            {
                return false;
            }

            _status[sensorIndex] = (int)status;
            _reason[sensorIndex] = reason;
            _changedTicks[sensorIndex] = at.UtcTicks;
            Interlocked.Increment(ref _version); // full fence: publishers compare versions
        }

        if (previous == status)
        {
            return false; // only the reason changed: keep the record, no event
        }

        var sensor = _site.Sensors[sensorIndex];
        var health = new HealthData { Status = status, Previous = previous };
        health.Reason.Set(reason);
        _sink.PublishHealth(new EventHeader(EventKind.SensorHealth, sensor.Family, sensorIndex, sensor.ZoneIndex, at), health);
        return true;
    }

    /// <summary>
    /// Someone other than the sensor attacked its link (a forged identity, a second connection, a flood): publishes a
    /// <see cref="SensorStatus.Fault"/> health event for the sensor, so fusion raises <c>sensor_fault</c> with
    /// <paramref name="reason"/> and the journal keeps it, but leaves the sensor's own status untouched. Only the
    /// sensor's authenticated link moves its health; an attacker can add an alert, never end one.
    /// </summary>
    public void ReportLinkFault(int sensorIndex, string reason, DateTimeOffset at)
    {
        if ((uint)sensorIndex >= (uint)_status.Length)
        {
            return;
        }

        var sensor = _site.Sensors[sensorIndex];
        var health = new HealthData { Status = SensorStatus.Fault, Previous = (SensorStatus)Volatile.Read(ref _status[sensorIndex]) }; // acquire: any recent status will do
        health.Reason.Set(reason);
        _sink.PublishHealth(new EventHeader(EventKind.SensorHealth, sensor.Family, sensorIndex, sensor.ZoneIndex, at), health);
    }

    /// <summary>Marks sensors offline whose reporting time passed without a <see cref="Touch"/>.</summary>
    public void Supervise()
    {
        var now = _time.GetUtcNow();
        for (var i = 0; i < _status.Length; i++)
        {
            var limit = _site.Sensors[i].ReportingTime;
            if (limit <= TimeSpan.Zero || Volatile.Read(ref _status[i]) == (int)SensorStatus.Offline)
            {
                continue;
            }

            var last = new DateTimeOffset(Volatile.Read(ref _lastSeenTicks[i]), TimeSpan.Zero);
            if (now - last > limit)
            {
                Report(i, SensorStatus.Offline, "heartbeat_timeout", now);
            }
        }
    }

    /// <summary>The present health of every sensor.</summary>
    public IReadOnlyList<SensorHealth> Snapshot()
    {
        lock (_gate)
        {
            var list = new SensorHealth[_status.Length];
            for (var i = 0; i < list.Length; i++)
            {
                var s = _site.Sensors[i];
                list[i] = new SensorHealth(
                    s.Id, s.Family, _site.ZoneId(s.ZoneIndex), (SensorStatus)_status[i], _reason[i],
                    new DateTimeOffset(Volatile.Read(ref _lastSeenTicks[i]), TimeSpan.Zero),
                    new DateTimeOffset(_changedTicks[i], TimeSpan.Zero));
            }

            return list;
        }
    }
}
