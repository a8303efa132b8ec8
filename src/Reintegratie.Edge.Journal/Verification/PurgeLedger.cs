using Reintegratie.Edge.Journal.Retention;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Verification;

/// <summary>
/// Which checkpoint purged which seq, and whether retention allowed it. Only event rows can be purged, only by a
/// later checkpoint, only when older than that checkpoint's cutoff for their kind, and that cutoff must itself be
/// at least the site's retention before the checkpoint's own time (when the site's retention is known). A checkpoint
/// dated in the future is forged: a forger cannot move a cutoff forward without it.
/// </summary>
internal sealed class PurgeLedger
{
    private static readonly TimeSpan s_skew = TimeSpan.FromMinutes(1);
    private readonly Dictionary<long, (long Seq, Checkpoint Checkpoint, string? Problem)> _purgedBy = [];

    /// <summary>The first checkpoint that is itself bad: its seq and why.</summary>
    public (long Seq, string Reason)? Bad { get; private set; }

    /// <summary>Rows purged in all.</summary>
    public long PurgedRows => _purgedBy.Count;

    /// <summary>Records one checkpoint row (read in seq order); a refused checkpoint's claims are kept to name it.</summary>
    public void Add(long seq, string at, string? payload, VerifyOptions options)
    {
        if (!CheckpointPayload.TryParse(payload, out var checkpoint, out var reason))
        {
            Bad ??= (seq, $"checkpoint payload unreadable: {reason}");
            return;
        }

        var problem = Problem(seq, at, checkpoint, options);
        foreach (var r in checkpoint.Ranges.Where(r => r.To < seq))
        {
            for (var s = r.From; s <= r.To; s++)
            {
                if (!_purgedBy.TryAdd(s, (seq, checkpoint, problem)))
                {
                    problem ??= $"checkpoint claims a purge of seq {s}, which checkpoint {_purgedBy[s].Seq} already purged";
                }
            }
        }

        if (problem is not null)
        {
            Bad ??= (seq, problem);
        }
    }

    private static string? Problem(long seq, string at, Checkpoint checkpoint, VerifyOptions options)
    {
        if (!JournalTime.TryParse(at, out var when) || when > options.Now + s_skew)
        {
            return $"checkpoint dated {at}, after the verifier's clock: a forged checkpoint";
        }

        foreach (var (kind, cutoff) in checkpoint.Cutoffs)
        {
            if (string.CompareOrdinal(cutoff, at) > 0)
            {
                return $"checkpoint cutoff {cutoff} for '{kind}' is after the checkpoint itself";
            }

            if (options.Retention is { } retention && retention.TryGetValue(kind, out var days)
                && string.CompareOrdinal(cutoff, JournalTime.ToText(when - TimeSpan.FromDays(days))) > 0)
            {
                return $"checkpoint cutoff {cutoff} for '{kind}' is younger than the site's retention of {days} days";
            }
        }

        return checkpoint.Ranges.FirstOrDefault(r => r.To >= seq) is { } late
            ? $"checkpoint claims a purge of seq {late.To}, which is not before it"
            : null;
    }

    /// <summary>Null when the row's payload state is what the checkpoints say; else why not.</summary>
    public string? Check(JournalRow row)
    {
        var claimed = _purgedBy.TryGetValue(row.Seq, out var by);
        if (!row.Purged)
        {
            return claimed ? $"checkpoint {by.Seq} records a purge of this row but its payload is present" : null;
        }

        if (!claimed)
        {
            return "the payload was removed and no checkpoint records its purge";
        }

        if (by.Problem is { } refused)
        {
            return $"purged by checkpoint {by.Seq}, which is refused: {refused}";
        }

        if (row.Type != JournalRowTypes.Event)
        {
            return $"checkpoint {by.Seq} purged the payload of a row of type {row.Type}: only event rows are ever purged";
        }

        if (row.Kind is null || !by.Checkpoint.Cutoffs.TryGetValue(row.Kind, out var cutoff))
        {
            return $"checkpoint {by.Seq} purged a '{row.Kind}' event but has no retention cutoff for that kind";
        }

        return string.CompareOrdinal(row.At, cutoff) < 0
            ? null
            : $"checkpoint {by.Seq} purged a '{row.Kind}' event of {row.At}, not older than its cutoff {cutoff}: retention did not allow it";
    }
}
