using Reintegratie.Edge.Core.Alerts;

namespace Reintegratie.Edge.Journal.Replay;

/// <summary>One alert revision, journaled or raised again by the replay, with the canonical text the comparison uses.</summary>
/// <param name="Seq">Journal seq of the revision's row (for a replayed revision: of the row that caused it).</param>
/// <param name="Change">The lifecycle message.</param>
/// <param name="Canonical">The message as compared: every time cut to the journal's microseconds.</param>
public sealed record ReplayRevision(long Seq, AlertChange Change, string Canonical)
{
    /// <summary>The alert as of this revision.</summary>
    public AlertSnapshot After => Change.After;
}
