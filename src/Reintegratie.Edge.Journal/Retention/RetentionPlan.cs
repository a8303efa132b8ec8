namespace Reintegratie.Edge.Journal.Retention;

/// <summary>One retention run: the seqs whose payloads go, as ranges, and the checkpoint row's payload that names them.</summary>
/// <param name="Seqs">Seqs to purge.</param>
/// <param name="Ranges">The same seqs as runs of consecutive seqs.</param>
/// <param name="Checkpoint">The checkpoint row's payload (UTF-8 JSON, <see cref="CheckpointPayload"/>).</param>
internal sealed record RetentionPlan(HashSet<long> Seqs, List<PurgedRange> Ranges, byte[] Checkpoint);
