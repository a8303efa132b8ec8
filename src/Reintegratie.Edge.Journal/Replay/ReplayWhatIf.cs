using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Journal.Replay;

/// <summary>
/// The what-if view of a replay with another configuration: alerts compared as wholes (their last revision), paired by
/// id, else by kind, first zone and first-seen time (a changed rule shifts the ids of later alerts).
/// </summary>
public static class ReplayWhatIf
{
    /// <summary>The alerts that differ, by first-seen time.</summary>
    public static IReadOnlyList<AlertDifference> Compare(ReplayResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var journal = Summaries(result.Journaled);
        var replay = Summaries(result.Replayed);
        var rows = new List<AlertDifference>();
        var unmatched = new List<AlertSummary>();
        foreach (var j in journal.Values)
        {
            // The same id of another kind is another alert (ids are a counter and a time, not an identity).
            var r = replay.TryGetValue(j.Last.Id, out var same) && same.Last.Kind == j.Last.Kind && replay.Remove(j.Last.Id)
                ? same
                : TakeSimilar(replay, j);
            if (r is not null)
            {
                if (Detail(j, r) is { Length: > 0 } detail)
                {
                    rows.Add(Row("changed", j, j.Last.Id, r.Last.Id, detail));
                }
            }
            else
            {
                unmatched.Add(j);
            }
        }

        rows.AddRange(unmatched.Select(j => Row("only_journal", j, j.Last.Id, string.Empty, Summary(j))));
        rows.AddRange(replay.Values.Select(r => Row("only_replay", r, string.Empty, r.Last.Id, Summary(r))));
        return [.. rows.OrderBy(r => r.FirstSeen, StringComparer.Ordinal).ThenBy(r => r.Change, StringComparer.Ordinal)];
    }

    private static Dictionary<string, AlertSummary> Summaries(IReadOnlyList<ReplayRevision> revisions)
    {
        var byId = new Dictionary<string, AlertSummary>(StringComparer.Ordinal);
        foreach (var r in revisions)
        {
            byId[r.After.Id] = byId.TryGetValue(r.After.Id, out var s)
                ? s with { Last = r.After, Revisions = s.Revisions + 1, MaxSeverity = Max(s.MaxSeverity, r.After.Severity) }
                : new AlertSummary(r.After, 1, r.After.Severity);
        }

        return byId;
    }

    private static AlertSummary? TakeSimilar(Dictionary<string, AlertSummary> replay, AlertSummary j)
    {
        var match = replay.Values.FirstOrDefault(r => r.Last.Kind == j.Last.Kind && Zone(r) == Zone(j) && First(r) == First(j));
        if (match is not null)
        {
            replay.Remove(match.Last.Id);
        }

        return match;
    }

    private static string Detail(AlertSummary j, AlertSummary r)
    {
        var parts = new List<string>();
        Compare(parts, "severity", Code(j.MaxSeverity), Code(r.MaxSeverity));
        Compare(parts, "revisions", j.Revisions.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Revisions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare(parts, "zones", string.Join('+', j.Last.Zones), string.Join('+', r.Last.Zones));
        Compare(parts, "sensors", string.Join('+', j.Last.Sensors), string.Join('+', r.Last.Sensors));
        Compare(parts, "ended", Time(j.Last.EndedAt), Time(r.Last.EndedAt));
        Compare(parts, "acknowledged", j.Last.Acknowledged?.By ?? "-", r.Last.Acknowledged?.By ?? "-");
        return string.Join("; ", parts);
    }

    private static void Compare(List<string> parts, string name, string journal, string replay)
    {
        if (!string.Equals(journal, replay, StringComparison.Ordinal))
        {
            parts.Add($"{name} {journal} -> {replay}");
        }
    }

    private static string Summary(AlertSummary s) =>
        $"severity {Code(s.MaxSeverity)}, {s.Revisions} revisions, sensors {string.Join('+', s.Last.Sensors)}, ended {Time(s.Last.EndedAt)}";

    private static AlertDifference Row(string change, AlertSummary s, string journalId, string replayId, string detail) =>
        new(change, EnumCode<AlertKind>.Of(s.Last.Kind), Zone(s), First(s), journalId, replayId, detail);

    private static string Zone(AlertSummary s) => s.Last.Zones.Count > 0 ? s.Last.Zones[0] : string.Empty;

    private static string First(AlertSummary s) => JournalTime.ToText(s.Last.FirstSeen);

    private static string Time(DateTimeOffset? at) => at is { } t ? JournalTime.ToText(t) : "-";

    private static string Code(Severity s) => EnumCode<Severity>.Of(s);

    private static Severity Max(Severity a, Severity b) => a >= b ? a : b;

    private sealed record AlertSummary(AlertSnapshot Last, int Revisions, Severity MaxSeverity);
}
