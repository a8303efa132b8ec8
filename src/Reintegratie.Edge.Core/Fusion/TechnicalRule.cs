using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// Rule 4, technical alerts: tamper, fault, offline and the broker path. One alert per sensor and kind; repeats
/// (a storm) count on it. Offline and broker-path alerts end when the sensor or path is online again; perimeter
/// tamper and fault end after the perimeter quiet period once the input is restored, health-reported ones on online.
/// </summary>
internal sealed class TechnicalRule
{
    private static readonly FixedAscii32 s_notSeenYet = FixedAscii32.From("not_seen_yet");
    private static readonly FixedAscii32 s_brokerPathLost = FixedAscii32.From("broker_path_lost");
    private static readonly FixedAscii32 s_journalRecovered = FixedAscii32.From("journal_recovered");
    private readonly FusionContext _ctx;
    private readonly PerimeterInputs _inputs;
    private readonly Dictionary<int, TechnicalIncident> _byKey = new(64);
    private readonly List<TechnicalIncident> _items = new(64);

    public TechnicalRule(FusionContext ctx, PerimeterInputs inputs)
    {
        _ctx = ctx;
        _inputs = inputs;
    }

    /// <summary>No technical incident a sweep could end: a sweep has nothing to do.</summary>
    public bool Idle => _items.TrueForAll(static i => i.FromHealth); // a health-reported alert ends only by a health report, never on a sweep

    public void OnPerimeter(SensorEvent e, int sensor, int zone)
    {
        switch (e.Perimeter.State)
        {
            case PerimeterState.TamperOpen:
                Raise(AlertKind.PerimeterTamper, sensor, zone, e, "tamper_open", fromHealth: false);
                break;
            case PerimeterState.TamperShort:
                Raise(AlertKind.PerimeterTamper, sensor, zone, e, "tamper_short", fromHealth: false);
                break;
            case PerimeterState.Fault:
                Raise(AlertKind.SensorFault, sensor, zone, e, e.Perimeter.TransitionsPerMinute > 0 ? "chatter" : "input_fault", fromHealth: false);
                break;
        }
    }

    public void OnHealth(SensorEvent e, int sensor, int zone)
    {
        ref readonly var h = ref e.Health;
        switch (h.Status)
        {
            case SensorStatus.Offline when h.Reason != s_notSeenYet:
                Raise(AlertKind.SensorOffline, sensor, zone, e, h.Reason.ToString(), fromHealth: true);
                break;
            case SensorStatus.Fault:
                Raise(AlertKind.SensorFault, sensor, zone, e, h.Reason.ToString(), fromHealth: true);
                break;
            case SensorStatus.Tamper:
                Raise(AlertKind.PerimeterTamper, sensor, zone, e, h.Reason.ToString(), fromHealth: true);
                break;
            case SensorStatus.Online:
                Restored(sensor, AlertKind.SensorOffline, e);
                Restored(sensor, AlertKind.SensorFault, e);
                Restored(sensor, AlertKind.PerimeterTamper, e);
                break;
        }
    }

    /// <summary>Gateway conditions: the broker path raises broker_path_lost (ended by an online "broker…" report); other faults raise sensor_fault on the gateway.</summary>
    public void OnGateway(SensorEvent e)
    {
        ref readonly var h = ref e.Health;
        if (h.Status == SensorStatus.Online)
        {
            if (h.Reason.Span.StartsWith("broker"u8) || h.Reason.IsEmpty)
            {
                Restored(-1, AlertKind.BrokerPathLost, e);
            }
            else if (h.Reason == s_journalRecovered && _byKey.TryGetValue(Key(-1, AlertKind.SensorFault), out var fault)
                && fault.Alert.Detail is "journal_disk_full" or "journal_write_failed" or "journal_sync_failed")
            {
                // The journal can commit again (space returned): end the fault it raised; a journal moved aside as
                // corrupt or a shedding outbox stays for staff to look at.
                Restored(-1, AlertKind.SensorFault, e);
            }
        }
        else if (h.Reason == s_brokerPathLost)
        {
            Raise(AlertKind.BrokerPathLost, -1, -1, e, "broker_path_lost", fromHealth: true);
        }
        else if (h.Status == SensorStatus.Fault)
        {
            // The gateway's own trouble (journal moved aside as corrupt, outbox shedding): a technical alert on "gateway".
            Raise(AlertKind.SensorFault, -1, -1, e, h.Reason.ToString(), fromHealth: true);
        }
    }

    public void Sweep(DateTimeOffset now, long cause)
    {
        var quiet = _ctx.Options.PerimeterQuietSeconds;
        for (var k = 0; k < _items.Count; k++)
        {
            var i = _items[k];
            if (!i.FromHealth && (now - i.LastReport).TotalSeconds >= quiet && !StillBad(i))
            {
                End(i, now, now, cause);
                k--;
            }
        }
    }

    /// <summary>Takes back a restored technical alert.</summary>
    public void Restore(AlertState alert, int sensor)
    {
        var perimeter = sensor >= 0 && _ctx.Site.Sensors[sensor].Family == SensorFamily.Perimeter;
        var fromPerimeter = perimeter && alert.Kind is AlertKind.PerimeterTamper or AlertKind.SensorFault;
        var incident = new TechnicalIncident(alert, sensor) { LastReport = alert.LastSeen, FromPerimeter = fromPerimeter, FromHealth = !fromPerimeter };
        _byKey[Key(sensor, alert.Kind)] = incident;
        _items.Add(incident);
    }

    private static int Key(int sensor, AlertKind kind) => (sensor * 16) + (int)kind;

    private bool StillBad(TechnicalIncident i)
    {
        var state = _inputs.Get(i.Sensor);
        return i.Alert.Kind == AlertKind.PerimeterTamper
            ? state is PerimeterState.TamperOpen or PerimeterState.TamperShort
            : state == PerimeterState.Fault;
    }

    private void Raise(AlertKind kind, int sensor, int zone, SensorEvent e, string detail, bool fromHealth)
    {
        if (_byKey.TryGetValue(Key(sensor, kind), out var i))
        {
            i.FromHealth |= fromHealth;
            i.FromPerimeter |= !fromHealth;
            i.LastReport = e.At > i.LastReport ? e.At : i.LastReport;
            i.Alert.AddEvidence(e.EventId, e.At);
            var changed = !string.Equals(i.Alert.Detail, detail, StringComparison.Ordinal);
            i.Alert.Detail = detail;
            if (changed)
            {
                _ctx.Alerts.Publish(i.Alert, e.At, e.EventId);
            }
            else
            {
                _ctx.Alerts.Touch(i.Alert, e.At, e.EventId); // storm: one alert, a count
            }

            return;
        }

        if (_ctx.Bypass.Suppress(zone, kind, e.At, e.EventId))
        {
            return;
        }

        var sensorId = _ctx.SensorId(sensor);
        var alert = _ctx.Alerts.Create(kind, SeverityOf(kind), e.At, TitleOf(kind, sensorId));
        alert.AddZone(zone);
        if (sensor >= 0)
        {
            alert.AddSensor(sensorId);
        }

        alert.AddEvidence(e.EventId, e.At);
        alert.Detail = detail;
        var incident = new TechnicalIncident(alert, sensor) { LastReport = e.At, FromHealth = fromHealth, FromPerimeter = !fromHealth };
        _byKey.Add(Key(sensor, kind), incident);
        _items.Add(incident);
        _ctx.Alerts.Publish(alert, e.At, e.EventId);
    }

    private void Restored(int sensor, AlertKind kind, SensorEvent e)
    {
        if (!_byKey.TryGetValue(Key(sensor, kind), out var i))
        {
            return;
        }

        i.FromHealth = false;
        if (!i.FromPerimeter)
        {
            End(i, e.At, e.At, e.EventId);
        }
    }

    private void End(TechnicalIncident i, DateTimeOffset endedAt, DateTimeOffset at, long cause)
    {
        _byKey.Remove(Key(i.Sensor, i.Alert.Kind));
        _items.Remove(i);
        _ctx.Alerts.End(i.Alert, endedAt, at, cause);
    }

    private Severity SeverityOf(AlertKind kind) => kind switch
    {
        AlertKind.PerimeterTamper => _ctx.Options.TamperSeverity,
        AlertKind.SensorFault => _ctx.Options.FaultSeverity,
        AlertKind.SensorOffline => _ctx.Options.OfflineSeverity,
        _ => _ctx.Options.BrokerPathLostSeverity,
    };

    private static string TitleOf(AlertKind kind, string sensorId) => kind switch
    {
        AlertKind.PerimeterTamper => AlertTitles.Tamper(sensorId),
        AlertKind.SensorFault => AlertTitles.Fault(sensorId),
        AlertKind.SensorOffline => AlertTitles.Offline(sensorId),
        _ => AlertTitles.BrokerPathLost(),
    };
}
