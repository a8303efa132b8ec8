namespace Reintegratie.Edge.Hub.Ingest;

/// <summary>Counters of this hub instance (shown by the console's <c>/api/stats</c> and used by the benchmark).</summary>
public sealed class IngestStats
{
    private long _messages;
    private long _batches;
    private long _rejected;
    private long _duplicates;

    /// <summary>Messages committed (any outcome).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Transactions committed.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Messages recorded as rejected.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Redeliveries and QoS 1 duplicates dropped.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    internal void Record(IngestOutcome[] outcomes)
    {
        // Plain atomic increments: readers only need eventually consistent totals.
        Interlocked.Add(ref _messages, outcomes.Length);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _rejected, outcomes.Count(o => o == IngestOutcome.Rejected));
        Interlocked.Add(ref _duplicates, outcomes.Count(o => o == IngestOutcome.Duplicate));
    }
}
