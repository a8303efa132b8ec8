using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// Rule 5, contraband phone: a handset new in a zone of kind "wing" that is the drop's zone or adjacent to one of
/// them, within <see cref="FusionOptions.ContrabandWindowMinutes"/> after a suspected drop, raises (or adds to) the
/// drop's contraband alert. Other new handsets raise one <c>handset_detected</c> alert per zone when
/// <see cref="FusionOptions.HandsetAlerts"/> is set. Allowed (white-listed) handsets raise nothing. Only the
/// pseudonym text (<see cref="Pseudonym.ToString"/>) appears in an alert.
/// </summary>
internal sealed class HandsetRule
{
    private readonly FusionContext _ctx;
    private readonly DropRule _drops;
    private readonly bool[] _isWing;
    private readonly List<HandsetIncident> _items = new(16);

    public HandsetRule(FusionContext ctx, DropRule drops)
    {
        _ctx = ctx;
        _drops = drops;
        _isWing = new bool[ctx.Site.Zones.Count];
        for (var z = 0; z < _isWing.Length; z++)
        {
            _isWing[z] = string.Equals(ctx.Site.Zones[z].Kind, "wing", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>No handset incident open: a sweep has nothing to do.</summary>
    public bool Idle => _items.Count == 0;

    public void OnHandset(SensorEvent e, int sensor, int zone)
    {
        ref readonly var h = ref e.Handset;
        if (!h.NewInZone || h.Action == HandsetAction.Allowed)
        {
            return;
        }

        var detail = $"handset {(h.Imsi.HasValue ? h.Imsi : h.Imei)}";
        var drop = zone >= 0 && _isWing[zone] ? _drops.ForHandset(zone, e.At) : null;
        if (drop is not null)
        {
            if (!_ctx.Bypass.Suppress(zone, AlertKind.ContrabandPhoneSuspected, e.At, e.EventId))
            {
                Contraband(drop, e, sensor, zone, detail);
            }
        }
        else if (_ctx.Options.HandsetAlerts && !_ctx.Bypass.Suppress(zone, AlertKind.HandsetDetected, e.At, e.EventId))
        {
            Detected(e, sensor, zone, detail);
        }
    }

    public void Sweep(DateTimeOffset now, long cause)
    {
        var quiet = _ctx.Options.HandsetQuietSeconds;
        for (var k = 0; k < _items.Count; k++)
        {
            var i = _items[k];
            if ((now - i.Last).TotalSeconds >= quiet)
            {
                _items.RemoveAt(k--);
                _ctx.Alerts.End(i.Alert, i.Last.AddSeconds(quiet), now, cause);
            }
        }
    }

    /// <summary>Takes back a restored handset or contraband alert (a contraband one rejoins its drop if that was restored too).</summary>
    public void Restore(AlertState alert)
    {
        var zone = alert.Zones.Count > 0 && alert.Kind == AlertKind.HandsetDetected ? alert.Zones[0] : -1;
        _items.Add(new HandsetIncident(alert, zone, alert.LastSeen));
        if (alert.Kind != AlertKind.ContrabandPhoneSuspected)
        {
            return;
        }

        foreach (var r in _drops.Recent)
        {
            if (alert.Linked.Contains(r.Drop.Id))
            {
                r.Contraband = alert;
            }
        }
    }

    private void Contraband(DropRecord drop, SensorEvent e, int sensor, int zone, string detail)
    {
        if (drop.Contraband is { IsActive: true } alert)
        {
            Find(alert)!.Last = e.At;
            Add(alert, e, sensor, zone, detail);
            alert.Title = AlertTitles.Contraband(_ctx.Site, alert.Zones);
            _ctx.Alerts.Publish(alert, e.At, e.EventId); // every new phone matters: publish at once
            return;
        }

        alert = _ctx.Alerts.Create(AlertKind.ContrabandPhoneSuspected, _ctx.Options.ContrabandSeverity, e.At, string.Empty);
        Add(alert, e, sensor, zone, detail);
        alert.Title = AlertTitles.Contraband(_ctx.Site, alert.Zones);
        alert.AddLink(drop.Drop.Id);
        drop.Contraband = alert;
        _items.Add(new HandsetIncident(alert, -1, e.At));
        _ctx.Alerts.Publish(alert, e.At, e.EventId);
    }

    private void Detected(SensorEvent e, int sensor, int zone, string detail)
    {
        foreach (var i in _items)
        {
            if (i.Alert.Kind == AlertKind.HandsetDetected && i.Zone == zone)
            {
                i.Last = e.At;
                Add(i.Alert, e, sensor, zone, detail);
                _ctx.Alerts.Touch(i.Alert, e.At, e.EventId);
                return;
            }
        }

        var alert = _ctx.Alerts.Create(AlertKind.HandsetDetected, _ctx.Options.HandsetSeverity, e.At, string.Empty);
        Add(alert, e, sensor, zone, detail);
        alert.Title = AlertTitles.Handset(_ctx.Site, alert.Zones);
        _items.Add(new HandsetIncident(alert, zone, e.At));
        _ctx.Alerts.Publish(alert, e.At, e.EventId);
    }

    private void Add(AlertState alert, SensorEvent e, int sensor, int zone, string detail)
    {
        alert.AddZone(zone);
        if (sensor >= 0)
        {
            alert.AddSensor(_ctx.SensorId(sensor));
        }

        alert.AddEvidence(e.EventId, e.At);
        alert.Detail = detail;
    }

    private HandsetIncident? Find(AlertState alert)
    {
        foreach (var i in _items)
        {
            if (ReferenceEquals(i.Alert, alert))
            {
                return i;
            }
        }

        return null;
    }
}
