using Reintegratie.Edge.Core.Alerts;

namespace Reintegratie.Edge.Journal.Reporting;

/// <summary>One alert as the report sees it: its first and latest revision in the journal.</summary>
/// <param name="Id">Alert id.</param>
/// <param name="Kind">Alert kind code.</param>
/// <param name="Severity">Highest severity over its revisions.</param>
/// <param name="Zones">Zones (latest revision).</param>
/// <param name="Sensors">Sensors (latest revision).</param>
/// <param name="FirstSeen">First evidence.</param>
/// <param name="EndedAt">End, or null while active at the end of the journal.</param>
/// <param name="TimeToAcknowledge">First seen to acknowledgement, when acknowledged.</param>
public sealed record AlertSummary(
    string Id,
    string Kind,
    Severity Severity,
    IReadOnlyList<string> Zones,
    IReadOnlyList<string> Sensors,
    DateTimeOffset FirstSeen,
    DateTimeOffset? EndedAt,
    TimeSpan? TimeToAcknowledge);
