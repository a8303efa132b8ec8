namespace Reintegratie.Edge.Journal.Replay;

/// <summary>A gateway restart the replay met and modelled (its engine restarted there as the gateway's did).</summary>
/// <param name="Seq">The start marker's seq, or for a journal without markers the first row after the restart.</param>
/// <param name="Marked">True when the journal holds a start marker here; false when the restart was inferred.</param>
/// <param name="Restored">Alerts the replay's engine continued.</param>
/// <param name="ConfigDigest">The site configuration digest the run started with (markers only), or null.</param>
/// <param name="ConfigChanged">True when that digest differs from the previous run's.</param>
/// <param name="Note">What could not be modelled exactly, or empty.</param>
public sealed record ReplayRestart(long Seq, bool Marked, int Restored, string? ConfigDigest, bool ConfigChanged, string Note);
