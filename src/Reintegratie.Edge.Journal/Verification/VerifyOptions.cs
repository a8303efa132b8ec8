using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Verification;

/// <summary>What <see cref="JournalVerifier"/> checks beyond the chain itself.</summary>
public sealed record VerifyOptions
{
    /// <summary>Heads the journal must contain (the retained <c>…/journal/head</c> values a subscriber recorded).</summary>
    public IReadOnlyList<JournalHead> ExpectHeads { get; init; } = [];

    /// <summary>
    /// The site's retention in days per event kind (<c>Journal:Retention</c>), when known: a checkpoint's cutoff must
    /// then be at least that old. Without it, the cutoffs recorded in the checkpoints bound the purge.
    /// </summary>
    public IReadOnlyDictionary<string, double>? Retention { get; init; }

    /// <summary>The verifier's clock: a checkpoint dated after it (plus a minute of skew) is forged.</summary>
    public DateTimeOffset Now { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>Gets the rows checked so far (every 65536 rows).</summary>
    public Action<long>? Progress { get; init; }
}
