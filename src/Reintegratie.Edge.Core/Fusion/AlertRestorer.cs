using Reintegratie.Edge.Core.Alerts;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>Rebuilds an <see cref="AlertState"/> from the journal's last revision, so a restart continues the alert.</summary>
internal static class AlertRestorer
{
    public static AlertState Rebuild(AlertSnapshot s, FusionContext ctx)
    {
        var state = new AlertState(s.Id, s.Kind, ctx.Options.EvidenceCap)
        {
            Revision = s.Revision,
            Severity = s.Severity,
            Title = s.Title,
            FirstSeen = s.FirstSeen,
            LastSeen = s.LastSeen,
            EvidenceCount = Math.Max(s.EvidenceCount, s.Evidence.Count),
            Acknowledged = s.Acknowledged,
            Detail = s.Detail,
            Bypass = s.Bypass,
            RestoredDrone = s.Drone,
            Published = s,
            PublishedAt = s.LastSeen,
        };
        foreach (var zoneId in s.Zones)
        {
            var z = ctx.Site.ZoneIndexOf(zoneId);
            if (z >= 0)
            {
                state.AddZone(z);
            }
            else
            {
                state.ForeignZones.Add(zoneId);
                FusionLog.RestoreForeignZone(ctx.Logger, s.Id, zoneId);
            }
        }

        for (var i = 0; i < s.Evidence.Count && i < state.EvidenceCap; i++)
        {
            state.Evidence.Add(s.Evidence[i]);
        }

        foreach (var sensor in s.Sensors)
        {
            state.AddSensor(ctx.Site.SensorIndexOf(sensor) is var k and >= 0 ? ctx.Site.Sensors[k].Id : sensor);
        }

        state.Bodycam.AddRange(s.BodycamRecordings);
        state.Linked.AddRange(s.LinkedAlerts);
        return state;
    }

    /// <summary>Sensor indexes of the alert's sensors that the site knows.</summary>
    public static List<int> SensorIndexes(AlertState state, FusionContext ctx)
    {
        var list = new List<int>(state.Sensors.Count);
        foreach (var id in state.Sensors)
        {
            if (ctx.Site.SensorIndexOf(id) is var k and >= 0)
            {
                list.Add(k);
            }
        }

        return list;
    }
}
