namespace Reintegratie.Edge.Hub.Ingest;

/// <summary>What applying one message did.</summary>
public enum IngestOutcome
{
    /// <summary>Stored (a new revision, state, or head).</summary>
    Applied,

    /// <summary>Already held (redelivery or a QoS 1 duplicate): nothing changed.</summary>
    Duplicate,

    /// <summary>A revision older than the one held: archived, not applied.</summary>
    Stale,

    /// <summary>Unreadable: recorded in <c>rejected_messages</c> and skipped.</summary>
    Rejected,

    /// <summary>A journal head that does not extend the previous one: archived and a <c>journal_discontinuity</c> alert raised.</summary>
    Discontinuity,
}
