namespace Reintegratie.Edge.Journal.Retention;

/// <summary>
/// Rows purged by retention that had no kept row between them: seqs <see cref="From"/>..<see cref="To"/> (rows in
/// between may have been purged earlier), and the hash of row <see cref="To"/>, which the next kept row's prev_hash
/// still names. The verifier bridges the gap with it.
/// </summary>
/// <param name="From">First purged seq of the run.</param>
/// <param name="To">Last purged seq of the run.</param>
/// <param name="LastHash">Hash of row <paramref name="To"/>.</param>
public sealed record PurgedRange(long From, long To, byte[] LastHash);
