namespace Reintegratie.Edge.Journal;

/// <summary>How the journal makes a commit durable (<c>Journal:Sync</c>).</summary>
public enum JournalSync
{
    /// <summary>
    /// Group commit: transactions commit without a sync (WAL, <c>synchronous=NORMAL</c>) and a sync thread makes
    /// everything committed so far durable with one <c>fsync</c> of the WAL; the outbox, the events stage, command
    /// acknowledgements and the published head wait for that sync. The default.
    /// </summary>
    Group,

    /// <summary>Every commit syncs the WAL itself (<c>synchronous=FULL</c>): the baseline, one fsync per transaction.</summary>
    EachCommit,
}
