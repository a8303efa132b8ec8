using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>Turns an <see cref="AlertState"/> into the immutable revision that is journaled and published.</summary>
internal static class AlertSnapshotFactory
{
    public static AlertSnapshot Create(AlertState state, SiteModel site)
    {
        var zones = new string[state.Zones.Count + state.ForeignZones.Count];
        for (var i = 0; i < state.Zones.Count; i++)
        {
            zones[i] = site.Zones[state.Zones[i]].Id;
        }

        state.ForeignZones.CopyTo(zones, state.Zones.Count);
        return new AlertSnapshot
        {
            Id = state.Id,
            Revision = state.Revision,
            Kind = state.Kind,
            Severity = state.Severity,
            Zones = zones,
            Title = state.Title,
            FirstSeen = state.FirstSeen,
            LastSeen = state.LastSeen,
            EndedAt = state.EndedAt,
            Evidence = state.Evidence.ToArray(),
            EvidenceCount = state.EvidenceCount,
            Sensors = state.Sensors.ToArray(),
            Drone = state.DroneSource?.Summarise() ?? state.RestoredDrone,
            BodycamRecordings = state.Bodycam.ToArray(),
            LinkedAlerts = state.Linked.ToArray(),
            Acknowledged = state.Acknowledged,
            Detail = state.Detail,
            Bypass = state.Bypass,
        };
    }
}
