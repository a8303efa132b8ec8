namespace Reintegratie.Edge.Core.Alerts;

/// <summary>
/// One immutable revision of an alert: what is journaled, put in the outbox and published
/// (<c>after</c> / <c>before</c> in the lifecycle message). JSON names are snake_case (see <see cref="AlertJson"/>).
/// </summary>
public sealed record AlertSnapshot
{
    /// <summary>ULID, unique per alert.</summary>
    public required string Id { get; init; }

    /// <summary>Revision, 1 for the first; consumers de-duplicate on id + revision.</summary>
    public required int Revision { get; init; }

    /// <summary>Machine-readable kind.</summary>
    public required AlertKind Kind { get; init; }

    /// <summary>Severity.</summary>
    public required Severity Severity { get; init; }

    /// <summary>Zone ids involved, first the zone where it started.</summary>
    public IReadOnlyList<string> Zones { get; init; } = [];

    /// <summary>Title for staff, in Dutch.</summary>
    public required string Title { get; init; }

    /// <summary>First evidence time.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>Latest evidence time.</summary>
    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>When the alert ended (null while active).</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Evidence event ids (capped; see <see cref="EvidenceCount"/>).</summary>
    public IReadOnlyList<long> Evidence { get; init; } = [];

    /// <summary>Number of evidence events in total, including those beyond the cap.</summary>
    public int EvidenceCount { get; init; }

    /// <summary>Sensor ids that contributed.</summary>
    public IReadOnlyList<string> Sensors { get; init; } = [];

    /// <summary>Drone details, for drone alerts.</summary>
    public DroneSummary? Drone { get; init; }

    /// <summary>Bodycam recording ids attached as evidence.</summary>
    public IReadOnlyList<string> BodycamRecordings { get; init; } = [];

    /// <summary>Related alerts (e.g. the incursion and the breach a drop links).</summary>
    public IReadOnlyList<string> LinkedAlerts { get; init; } = [];

    /// <summary>Acknowledgement, once given.</summary>
    public Acknowledgement? Acknowledged { get; init; }

    /// <summary>Short machine-readable detail (e.g. "tamper_open", "chatter", "heartbeat_timeout").</summary>
    public string? Detail { get; init; }

    /// <summary>The bypass, for <c>zone_bypassed</c> alerts (null for other kinds).</summary>
    public BypassSummary? Bypass { get; init; }
}
