using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Verification;

/// <summary>Outcome of <see cref="JournalVerifier"/>.</summary>
/// <param name="Intact">True when every row matches its hash and links to its predecessor (and the expected head).</param>
/// <param name="RowsChecked">Rows whose hash was checked.</param>
/// <param name="FirstBadSeq">The first seq that does not match, when not intact.</param>
/// <param name="Reason">Why that seq is bad.</param>
/// <param name="Head">The newest row found.</param>
public sealed record VerificationResult(bool Intact, long RowsChecked, long? FirstBadSeq, string? Reason, JournalHead Head)
{
    /// <summary>Rows whose payload retention purged (their headers verified), when intact.</summary>
    public long PurgedRows { get; init; }
}
