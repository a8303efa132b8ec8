namespace Reintegratie.Edge.Journal.Storage;

/// <summary>A journal that was corrupt at open and was moved aside; a new, empty journal was started.</summary>
/// <param name="MovedTo">Where the corrupt file now is.</param>
/// <param name="Reason">What SQLite said (integrity_check output or the open error).</param>
public sealed record JournalRecovery(string MovedTo, string Reason);
