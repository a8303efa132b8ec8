using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Verification;

/// <summary>
/// Walks the hash chain (format 2) in seq order. Seqs are gapless (retention drops payloads, never rows); each row must
/// link to its predecessor (<c>prev_hash</c> = the previous row's hash) and its hash must equal
/// SHA-256(prev_hash || header || SHA-256(payload)), the payload's digest taken from the kept digest only when the
/// payload was purged. Every purged row must be named by a later checkpoint that retention allowed
/// (<see cref="PurgeLedger"/>). Edited, deleted, reordered and wrongly purged rows fail at the first affected seq; a
/// truncated tail fails against the expected heads (the retained MQTT journal heads a subscriber archived).
/// </summary>
public static class JournalVerifier
{
    /// <summary>Verifies the journal on <paramref name="connection"/> against one expected head, if any.</summary>
    public static VerificationResult Verify(SqliteConnection connection, JournalHead? expectHead = null, Action<long>? progress = null) =>
        Verify(connection, new VerifyOptions { ExpectHeads = expectHead is null ? [] : [expectHead], Progress = progress });

    /// <summary>Verifies the journal on <paramref name="connection"/>.</summary>
    public static VerificationResult Verify(SqliteConnection connection, VerifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        if (JournalDatabase.FormatOf(connection) != JournalSchema.Format)
        {
            return new VerificationResult(false, 0, 1, JournalDatabase.Format1Refusal(connection.DataSource), JournalHead.Empty);
        }

        var ledger = LoadCheckpoints(connection, options);
        var heads = HeadsBySeq(options.ExpectHeads, out var conflict);
        using var hasher = new RowHasher();
        Span<byte> computed = stackalloc byte[RowHasher.HashSize];
        var previousHash = new byte[RowHasher.HashSize];
        long previousSeq = 0;
        long checkedRows = 0;
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {JournalSchema.Columns} FROM journal ORDER BY seq;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = JournalDatabase.ReadRow(reader);
            if (row.Seq != previousSeq + 1)
            {
                var reason = row.Seq <= previousSeq
                    ? $"seq {row.Seq} out of order after {previousSeq}"
                    : (previousSeq + 1 == row.Seq - 1 ? $"seq {previousSeq + 1} is" : $"seqs {previousSeq + 1}..{row.Seq - 1} are")
                      + " missing (retention keeps every row's header, so a missing row was deleted)";
                return Fail(Math.Min(row.Seq, previousSeq + 1), reason, checkedRows, previousSeq, previousHash);
            }

            if (!row.PrevHash.AsSpan().SequenceEqual(previousHash))
            {
                return Fail(row.Seq, "prev_hash does not link to the row before it (a row was removed, moved or replaced)", checkedRows, previousSeq, previousHash);
            }

            hasher.Compute(row, computed);
            if (!computed.SequenceEqual(row.Hash))
            {
                return Fail(row.Seq, "hash does not match the row's content (the row was edited or moved)", checkedRows, previousSeq, previousHash);
            }

            if (ledger.Check(row) is { } purgeProblem)
            {
                return Fail(row.Seq, purgeProblem, checkedRows, previousSeq, previousHash);
            }

            if (ledger.Bad is { } bad && bad.Seq == row.Seq)
            {
                return Fail(bad.Seq, bad.Reason, checkedRows, previousSeq, previousHash);
            }

            if (heads.TryGetValue(row.Seq, out var expected) && Convert.ToHexStringLower(row.Hash) != expected)
            {
                return Fail(row.Seq, $"row {row.Seq} does not have the recorded head hash {expected[..16]}…", checkedRows, previousSeq, previousHash);
            }

            checkedRows++;
            previousSeq = row.Seq;
            previousHash = row.Hash;
            if ((checkedRows & 0xFFFF) == 0)
            {
                options.Progress?.Invoke(checkedRows);
            }
        }

        var head = new JournalHead(previousSeq, Convert.ToHexStringLower(previousHash));
        if (conflict is { } c)
        {
            return new VerificationResult(false, checkedRows, c, $"the recorded heads name two different hashes for seq {c}", head);
        }

        if (heads.Count > 0 && heads.Keys.Max() is var newest && newest > previousSeq)
        {
            return new VerificationResult(false, checkedRows, previousSeq + 1,
                $"the journal ends at seq {previousSeq} but a recorded head is {newest}: rows {previousSeq + 1}..{newest} are missing (truncated)", head);
        }

        return new VerificationResult(true, checkedRows, null, null, head) { PurgedRows = ledger.PurgedRows };
    }

    private static VerificationResult Fail(long seq, string reason, long checkedRows, long previousSeq, byte[] previousHash) =>
        new(false, checkedRows, seq, reason, new JournalHead(previousSeq, Convert.ToHexStringLower(previousHash)));

    private static Dictionary<long, string> HeadsBySeq(IReadOnlyList<JournalHead> heads, out long? conflict)
    {
        conflict = null;
        var map = new Dictionary<long, string>();
        foreach (var h in heads.Where(h => h.Seq > 0))
        {
            if (!map.TryAdd(h.Seq, h.Hash) && map[h.Seq] != h.Hash)
            {
                conflict ??= h.Seq;
            }
        }

        return map;
    }

    private static PurgeLedger LoadCheckpoints(SqliteConnection connection, VerifyOptions options)
    {
        var ledger = new PurgeLedger();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, at, payload FROM journal WHERE type = 'checkpoint' ORDER BY seq;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ledger.Add(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), options);
        }

        return ledger;
    }
}
