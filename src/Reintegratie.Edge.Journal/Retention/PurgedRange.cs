namespace Reintegratie.Edge.Journal.Retention;

/// <summary>
/// Consecutive rows whose payloads one checkpoint purged: seqs <see cref="From"/>..<see cref="To"/>, every one of them.
/// The rows stay (header, payload digest, hashes), so the chain still verifies across them.
/// </summary>
/// <param name="From">First purged seq of the run.</param>
/// <param name="To">Last purged seq of the run.</param>
public sealed record PurgedRange(long From, long To);
