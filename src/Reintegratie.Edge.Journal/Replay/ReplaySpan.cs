namespace Reintegratie.Edge.Journal.Replay;

/// <summary>A run of journal rows the replay could not feed to fusion (payloads purged by retention, or unreadable).</summary>
/// <param name="FromSeq">First seq of the run.</param>
/// <param name="ToSeq">Last seq of the run.</param>
/// <param name="Rows">Event or command rows in the run that could not be fed.</param>
/// <param name="Reason">Why (e.g. "payload purged by retention").</param>
public sealed record ReplaySpan(long FromSeq, long ToSeq, long Rows, string Reason);
