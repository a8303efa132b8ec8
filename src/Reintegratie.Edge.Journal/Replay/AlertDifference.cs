namespace Reintegratie.Edge.Journal.Replay;

/// <summary>One line of the what-if table: an alert only one side raised, or raised by both but differently.</summary>
/// <param name="Change"><c>only_journal</c>, <c>only_replay</c> or <c>changed</c>.</param>
/// <param name="Kind">Alert kind code.</param>
/// <param name="Zone">First zone, or empty.</param>
/// <param name="FirstSeen">First seen (journal time text).</param>
/// <param name="JournalId">The journaled alert's id, or empty.</param>
/// <param name="ReplayId">The replayed alert's id, or empty.</param>
/// <param name="Detail">What changed (e.g. <c>severity high -> critical</c>), or a summary of the one side.</param>
public sealed record AlertDifference(string Change, string Kind, string Zone, string FirstSeen, string JournalId, string ReplayId, string Detail);
