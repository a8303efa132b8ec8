using Reintegratie.Edge.Core.Alerts;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// The mutable, fusion-thread-only state of one alert. Rules change it in place (no allocation); an immutable
/// <see cref="AlertSnapshot"/> is made only when <see cref="AlertLifecycle"/> publishes a revision.
/// </summary>
internal sealed class AlertState
{
    public AlertState(string id, AlertKind kind, int evidenceCap)
    {
        Id = id;
        Kind = kind;
        Evidence = new List<long>(evidenceCap);
        EvidenceCap = evidenceCap;
    }

    public string Id { get; }

    public AlertKind Kind { get; }

    public int Revision { get; set; }

    public Severity Severity { get; set; }

    public string Title { get; set; } = string.Empty;

    /// <summary>Zone indexes, first the zone where it started.</summary>
    public List<int> Zones { get; } = new(4);

    /// <summary>Zone ids of a restored alert that the present site no longer knows (kept, not lost).</summary>
    public List<string> ForeignZones { get; } = [];

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public List<long> Evidence { get; }

    public int EvidenceCap { get; }

    public int EvidenceCount { get; set; }

    public List<string> Sensors { get; } = new(4);

    public List<string> Bodycam { get; } = [];

    public List<string> Linked { get; } = new(2);

    public Acknowledgement? Acknowledged { get; set; }

    public string? Detail { get; set; }

    /// <summary>The bypass a zone_bypassed alert stands for.</summary>
    public BypassSummary? Bypass { get; set; }

    /// <summary>Live drone details, read when a snapshot is made (null for other kinds).</summary>
    public DroneTrack? DroneSource { get; set; }

    /// <summary>Drone summary of a restored alert until a live track adopts it.</summary>
    public DroneSummary? RestoredDrone { get; set; }

    /// <summary>The last published revision.</summary>
    public AlertSnapshot? Published { get; set; }

    /// <summary>Event time of the last published revision (rate limit of position/count updates).</summary>
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>Changed since <see cref="Published"/> by something that waits for the rate limit.</summary>
    public bool Dirty { get; set; }

    public bool IsActive => EndedAt is null;

    /// <summary>Records one piece of evidence: the id while under the cap, always the count and last-seen time.</summary>
    public void AddEvidence(long eventId, DateTimeOffset at)
    {
        if (Evidence.Count < EvidenceCap)
        {
            Evidence.Add(eventId);
        }

        EvidenceCount++;
        if (at > LastSeen)
        {
            LastSeen = at;
        }
    }

    /// <summary>Adds a zone; true when it was new.</summary>
    public bool AddZone(int zone)
    {
        if (zone < 0 || Zones.Contains(zone))
        {
            return false;
        }

        Zones.Add(zone);
        return true;
    }

    /// <summary>Adds a sensor id (strings come from the site model, so this allocates nothing); true when new.</summary>
    public bool AddSensor(string sensorId)
    {
        foreach (var s in Sensors)
        {
            if (string.Equals(s, sensorId, StringComparison.Ordinal))
            {
                return false;
            }
        }

        Sensors.Add(sensorId);
        return true;
    }

    /// <summary>Adds a linked alert id; true when new.</summary>
    public bool AddLink(string alertId)
    {
        if (Linked.Contains(alertId))
        {
            return false;
        }

        Linked.Add(alertId);
        return true;
    }

    /// <summary>True when one of the alert's zones is <paramref name="zone"/> or adjacent to it.</summary>
    public bool Touches(Site.SiteModel site, int zone)
    {
        foreach (var z in Zones)
        {
            if (site.IsSameOrAdjacent(z, zone))
            {
                return true;
            }
        }

        return false;
    }
}
