using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// Rule 3, perimeter breach: a fence alarm raises one alert per zone (repeats count on it, rate-limited); an
/// alarm in an adjacent zone within <see cref="FusionOptions.BreachEscalationSeconds"/> of the alert's last alarm
/// escalates the same alert (zone added, severity raised: a climb or cut progressing along the fence).
/// </summary>
internal sealed class PerimeterBreachRule
{
    private const string Progression = "climb_or_cut_progression";
    private readonly FusionContext _ctx;

    public PerimeterBreachRule(FusionContext ctx, PerimeterInputs inputs)
    {
        _ctx = ctx;
        Active = new PerimeterIncidentSet(ctx, inputs);
    }

    public PerimeterIncidentSet Active { get; }

    /// <summary>An active breach in <paramref name="zone"/> or next to it (for the drop rule to link), or null.</summary>
    public PerimeterIncident? Near(int zone)
    {
        foreach (var i in Active.Items)
        {
            if (zone >= 0 && i.Alert.Touches(_ctx.Site, zone))
            {
                return i;
            }
        }

        return null;
    }

    public void OnAlarm(SensorEvent e, int sensor, int zone)
    {
        var sensorId = _ctx.SensorId(sensor);
        if (Active.InZone(zone, sensor) is { } same)
        {
            if (same.Alarm(sensor, sensorId, e.EventId, e.At))
            {
                _ctx.Alerts.Publish(same.Alert, e.At, e.EventId); // a second input in the zone: say so at once
            }
            else
            {
                _ctx.Alerts.Touch(same.Alert, e.At, e.EventId); // a chattering contact: one alert, a growing count
            }
            return;
        }

        var escalation = _ctx.Options.BreachEscalationSeconds;
        foreach (var i in Active.Items)
        {
            if (zone >= 0 && i.Alert.Touches(_ctx.Site, zone) && Math.Abs((e.At - i.LastAlarm).TotalSeconds) <= escalation)
            {
                var alert = i.Alert;
                alert.AddZone(zone);
                i.Alarm(sensor, sensorId, e.EventId, e.At);
                alert.Severity = alert.Severity > _ctx.Options.BreachEscalatedSeverity ? alert.Severity : _ctx.Options.BreachEscalatedSeverity;
                alert.Detail = Progression;
                alert.Title = AlertTitles.Breach(_ctx.Site, alert.Zones, sensorId);
                _ctx.Alerts.Publish(alert, e.At, e.EventId);
                return;
            }
        }

        var created = _ctx.Alerts.Create(AlertKind.PerimeterBreach, _ctx.Options.BreachSeverity, e.At, string.Empty);
        created.AddZone(zone);
        created.Title = AlertTitles.Breach(_ctx.Site, created.Zones, sensorId);
        var incident = new PerimeterIncident(created, e.At);
        incident.Alarm(sensor, sensorId, e.EventId, e.At);
        Active.Items.Add(incident);
        _ctx.Alerts.Publish(created, e.At, e.EventId);
    }
}
