using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Journal.Retention;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Verification;

/// <summary>
/// Walks the hash chain in seq order. Each row must link to its predecessor (<c>prev_hash</c> = the previous row's
/// hash; a gap must be fully covered by checkpoint ranges and the row must link to the recorded hash of the row just
/// before it) and its hash must equal SHA-256(prev_hash || canonical bytes). Edited, deleted and reordered rows fail
/// at the first affected seq; a truncated tail fails against an expected head (the retained MQTT journal head).
/// </summary>
public static class JournalVerifier
{
    /// <summary>Verifies the journal on <paramref name="connection"/>; <paramref name="progress"/> gets the rows checked so far.</summary>
    public static VerificationResult Verify(SqliteConnection connection, JournalHead? expectHead = null, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var bridges = LoadCheckpoints(connection, out var badCheckpoint);
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
            if (badCheckpoint is { } bad && row.Seq >= bad.Seq)
            {
                return Fail(bad.Seq, bad.Reason, checkedRows, previousSeq, previousHash);
            }

            ReadOnlySpan<byte> expectedPrev = previousHash;
            if (row.Seq != previousSeq + 1)
            {
                if (row.Seq <= previousSeq)
                {
                    return Fail(row.Seq, $"seq {row.Seq} out of order after {previousSeq}", checkedRows, previousSeq, previousHash);
                }

                if (!bridges.Covers(previousSeq + 1, row.Seq - 1, row.Seq, out var lastHash))
                {
                    var missing = previousSeq + 1 == row.Seq - 1 ? $"seq {previousSeq + 1} is" : $"seqs {previousSeq + 1}..{row.Seq - 1} are";
                    return Fail(previousSeq + 1, $"{missing} missing and no checkpoint records a purge", checkedRows, previousSeq, previousHash);
                }

                expectedPrev = lastHash;
            }

            if (!row.PrevHash.AsSpan().SequenceEqual(expectedPrev))
            {
                return Fail(row.Seq, "prev_hash does not link to the row before it (a row was removed, moved or replaced)", checkedRows, previousSeq, previousHash);
            }

            hasher.Compute(row, computed);
            if (!computed.SequenceEqual(row.Hash))
            {
                return Fail(row.Seq, "hash does not match the row's content (the row was edited or moved)", checkedRows, previousSeq, previousHash);
            }

            checkedRows++;
            previousSeq = row.Seq;
            previousHash = row.Hash;
            if ((checkedRows & 0xFFFF) == 0)
            {
                progress?.Invoke(checkedRows);
            }
        }

        var head = new JournalHead(previousSeq, Convert.ToHexStringLower(previousHash));
        if (badCheckpoint is { } late)
        {
            return Fail(late.Seq, late.Reason, checkedRows, previousSeq, previousHash);
        }

        if (expectHead is { } expect)
        {
            if (previousSeq < expect.Seq)
            {
                return new VerificationResult(false, checkedRows, previousSeq + 1,
                    $"the journal ends at seq {previousSeq} but the expected head is {expect.Seq}: rows {previousSeq + 1}..{expect.Seq} are missing (truncated)", head);
            }

            var hashAtExpected = HashAt(connection, expect.Seq);
            if (hashAtExpected is null || Convert.ToHexStringLower(hashAtExpected) != expect.Hash)
            {
                return new VerificationResult(false, checkedRows, expect.Seq, $"row {expect.Seq} does not have the expected head hash", head);
            }
        }

        return new VerificationResult(true, checkedRows, null, null, head);
    }

    private static VerificationResult Fail(long seq, string reason, long checkedRows, long previousSeq, byte[] previousHash) =>
        new(false, checkedRows, seq, reason, new JournalHead(previousSeq, Convert.ToHexStringLower(previousHash)));

    private static byte[]? HashAt(SqliteConnection connection, long seq)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT hash FROM journal WHERE seq = $seq;";
        command.Parameters.AddWithValue("$seq", seq);
        return command.ExecuteScalar() as byte[];
    }

    private static PurgeBridges LoadCheckpoints(SqliteConnection connection, out (long Seq, string Reason)? bad)
    {
        bad = null;
        var bridges = new PurgeBridges();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, payload FROM journal WHERE type = 'checkpoint' ORDER BY seq;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var seq = reader.GetInt64(0);
            if (!CheckpointPayload.TryParse(reader.GetString(1), out var ranges, out var reason))
            {
                bad ??= (seq, $"checkpoint payload unreadable: {reason}");
                continue;
            }

            foreach (var r in ranges)
            {
                if (r.To >= seq)
                {
                    bad ??= (seq, $"checkpoint claims a purge of seq {r.To}, which is not before it");
                    continue;
                }

                bridges.Add(r);
            }
        }

        return bridges;
    }
}
