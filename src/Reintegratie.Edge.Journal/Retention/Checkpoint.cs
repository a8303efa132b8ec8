namespace Reintegratie.Edge.Journal.Retention;

/// <summary>A parsed retention checkpoint: the runs of rows it purged and the cutoff per event kind it applied.</summary>
/// <param name="Ranges">Purged runs, in seq order.</param>
/// <param name="Cutoffs">Per event kind code: rows at or after this time (journal time text) were not purgeable.</param>
public sealed record Checkpoint(IReadOnlyList<PurgedRange> Ranges, IReadOnlyDictionary<string, string> Cutoffs);
