using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// Rule 2, suspected drop: a net or fence alarm in the zone of a recently seen drone, or next to it, within
/// <see cref="FusionOptions.DropWindowSeconds"/>. The drop explains the alarm, so that alarm raises the drop
/// (critical) instead of a separate breach; the drop links the incursion and any breach already active there.
/// Further alarms near the same drone update the same drop alert.
/// </summary>
internal sealed class DropRule
{
    private readonly FusionContext _ctx;
    private readonly DroneZoneMemory _drones;

    public DropRule(FusionContext ctx, DroneZoneMemory drones, PerimeterInputs inputs)
    {
        _ctx = ctx;
        _drones = drones;
        Active = new PerimeterIncidentSet(ctx, inputs);
    }

    public PerimeterIncidentSet Active { get; }

    /// <summary>Drops within the contraband window, oldest first.</summary>
    public List<DropRecord> Recent { get; } = new(8);

    /// <summary>No active drop and no recent one: a sweep has nothing to do.</summary>
    public bool Idle => Active.Items.Count == 0 && Recent.Count == 0;

    /// <summary>The incursion that makes an alarm in <paramref name="zone"/> a drop, or null.</summary>
    public string? Candidate(int zone, DateTimeOffset at, out int droneZone) =>
        _drones.FindRecent(_ctx.Site, zone, at, _ctx.Options.DropWindowSeconds, out droneZone);

    public void OnAlarm(SensorEvent e, int sensor, int zone, string incursionId, int droneZone, PerimeterIncident? breach)
    {
        var sensorId = _ctx.SensorId(sensor);
        foreach (var i in Active.Items)
        {
            if (i.IncursionId == incursionId)
            {
                var zoneAdded = i.Alert.AddZone(zone);
                var newInput = i.Alarm(sensor, sensorId, e.EventId, e.At);
                var linked = breach is not null && i.Alert.AddLink(breach.Alert.Id);
                if (zoneAdded)
                {
                    i.Alert.Title = AlertTitles.Drop(_ctx.Site, i.Alert.Zones);
                }

                Publish(i.Alert, zoneAdded || linked || newInput, e);
                return;
            }
        }

        var alert = _ctx.Alerts.Create(AlertKind.DroneDropSuspected, _ctx.Options.DropSeverity, e.At, string.Empty);
        alert.AddZone(zone);
        alert.AddZone(droneZone);
        alert.Title = AlertTitles.Drop(_ctx.Site, alert.Zones);
        alert.AddLink(incursionId);
        if (breach is not null)
        {
            alert.AddLink(breach.Alert.Id);
        }

        var incident = new PerimeterIncident(alert, e.At) { IncursionId = incursionId };
        incident.Alarm(sensor, sensorId, e.EventId, e.At);
        Active.Items.Add(incident);
        Recent.Add(new DropRecord(alert, e.At));
        _ctx.Alerts.Publish(alert, e.At, e.EventId);
    }

    /// <summary>The newest drop that a new handset in <paramref name="zone"/> (a wing) at <paramref name="at"/> follows, or null.</summary>
    public DropRecord? ForHandset(int zone, DateTimeOffset at)
    {
        var window = _ctx.Options.ContrabandWindowMinutes * 60;
        for (var k = Recent.Count - 1; k >= 0; k--)
        {
            var r = Recent[k];
            var age = (at - r.At).TotalSeconds;
            if (age >= 0 && age <= window && r.Drop.Touches(_ctx.Site, zone))
            {
                return r;
            }
        }

        return null;
    }

    public void Sweep(DateTimeOffset now, long cause)
    {
        Active.Sweep(now, cause);
        var window = _ctx.Options.ContrabandWindowMinutes * 60;
        while (Recent.Count > 0 && (now - Recent[0].At).TotalSeconds > window)
        {
            Recent.RemoveAt(0);
        }
    }

    private void Publish(AlertState alert, bool now, SensorEvent e)
    {
        if (now)
        {
            _ctx.Alerts.Publish(alert, e.At, e.EventId);
        }
        else
        {
            _ctx.Alerts.Touch(alert, e.At, e.EventId);
        }
    }
}
