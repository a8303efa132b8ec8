namespace Reintegratie.Edge.Journal.Replay;

/// <summary>What a replay raised beside what the journal holds.</summary>
/// <param name="Journaled">The journaled alert revisions with a payload, in seq order.</param>
/// <param name="Replayed">The revisions the replay raised, in the order fusion raised them.</param>
/// <param name="Unreplayable">Runs of event rows that could not be fed (purged payloads, unreadable rows).</param>
/// <param name="EventsFed">Events, commands and clock ticks fed to fusion.</param>
/// <param name="PurgedRevisions">Journaled alert revisions whose payload retention purged (not compared).</param>
public sealed record ReplayResult(
    IReadOnlyList<ReplayRevision> Journaled, IReadOnlyList<ReplayRevision> Replayed, IReadOnlyList<ReplaySpan> Unreplayable, long EventsFed, long PurgedRevisions)
{
    /// <summary>Gateway restarts the replay met and modelled, in seq order.</summary>
    public IReadOnlyList<ReplayRestart> Restarts { get; init; } = [];

    /// <summary>Rows whose revisions (journaled and replayed) were left out of the comparison: an unmarked restart lies in them.</summary>
    public IReadOnlyList<ReplaySpan> NotCompared { get; init; } = [];

    /// <summary>Runs the gateway started with another site configuration than the one replayed (a what-if there).</summary>
    public IReadOnlyList<ReplaySpan> OtherConfiguration { get; init; } = [];

    /// <summary>True when both sides hold the same revisions, in the same order, equal field by field.</summary>
    public bool Identical => FirstDifference() is null;

    /// <summary>The first position where the two sequences differ, or null.</summary>
    public ReplayDifference? FirstDifference()
    {
        var n = Math.Max(Journaled.Count, Replayed.Count);
        for (var i = 0; i < n; i++)
        {
            var j = i < Journaled.Count ? Journaled[i] : null;
            var r = i < Replayed.Count ? Replayed[i] : null;
            if (j is null || r is null)
            {
                return new ReplayDifference(i, j, r, []);
            }

            if (!string.Equals(j.Canonical, r.Canonical, StringComparison.Ordinal))
            {
                // One revision missing from one side shifts the rest: name the missing one, not a false pair.
                if (Same(Journaled, i, Replayed, i + 1))
                {
                    return new ReplayDifference(i, null, r, []);
                }

                return Same(Journaled, i + 1, Replayed, i)
                    ? new ReplayDifference(i, j, null, [])
                    : new ReplayDifference(i, j, r, ReplayCanonical.Differences(j.Canonical, r.Canonical));
            }
        }

        return null;
    }

    private static bool Same(IReadOnlyList<ReplayRevision> a, int i, IReadOnlyList<ReplayRevision> b, int k) =>
        i < a.Count && k < b.Count && string.Equals(a[i].Canonical, b[k].Canonical, StringComparison.Ordinal);
}
