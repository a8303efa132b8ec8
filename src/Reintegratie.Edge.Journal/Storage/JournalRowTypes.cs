namespace Reintegratie.Edge.Journal.Storage;

/// <summary>Values of the journal's <c>type</c> column.</summary>
public static class JournalRowTypes
{
    /// <summary>A sensor or gateway event.</summary>
    public const string Event = "event";

    /// <summary>An alert revision (payload: the lifecycle message).</summary>
    public const string Alert = "alert";

    /// <summary>An operator command.</summary>
    public const string Command = "command";

    /// <summary>A fusion note (bypass start/end, command outcome, suppressed event).</summary>
    public const string Note = "note";

    /// <summary>A retention checkpoint (payload: the purged seq ranges).</summary>
    public const string Checkpoint = "checkpoint";
}
