using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// Rule 6, evidence: a bodycam recording whose [start, end] overlaps an alert's [first seen, last seen] and whose
/// zone is one of the alert's zones or adjacent to one is attached to that alert (an update, never a new alert).
/// Active alerts qualify, and alerts ended within <see cref="FusionOptions.LateEvidenceMinutes"/>: recordings are
/// uploaded after docking. Such a late update keeps its <c>ended_at</c>; the alert does not re-open.
/// The same recording twice changes nothing.
/// </summary>
internal sealed class EvidenceRule
{
    private readonly FusionContext _ctx;

    public EvidenceRule(FusionContext ctx)
    {
        _ctx = ctx;
    }

    public void OnBodycam(SensorEvent e, int zone)
    {
        if (e.Attachment is not BodycamRecording rec || zone < 0)
        {
            return;
        }

        var alerts = _ctx.Alerts;
        for (var i = 0; i < alerts.Active.Count; i++)
        {
            Attach(alerts.Active[i], rec, zone, e);
        }

        for (var i = 0; i < alerts.RecentlyEnded.Count; i++)
        {
            Attach(alerts.RecentlyEnded[i], rec, zone, e);
        }
    }

    private void Attach(AlertState alert, BodycamRecording rec, int zone, SensorEvent e)
    {
        var until = alert.EndedAt ?? alert.LastSeen;
        if (rec.Start > until || rec.End < alert.FirstSeen || !alert.Touches(_ctx.Site, zone) || alert.Bodycam.Contains(rec.RecordingId))
        {
            return;
        }

        if (alert.Bodycam.Count < alert.EvidenceCap)
        {
            alert.Bodycam.Add(rec.RecordingId);
        }

        if (alert.Evidence.Count < alert.EvidenceCap)
        {
            alert.Evidence.Add(e.EventId);
        }

        alert.EvidenceCount++;
        _ctx.Alerts.Publish(alert, e.At, e.EventId);
    }
}
