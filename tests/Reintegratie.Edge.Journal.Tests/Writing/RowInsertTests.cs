using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Verification;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Journal.Tests.Writing;

/// <summary>The span-bound insert stores every field exactly as the chain hashed it (the verifier recomputes each hash).</summary>
public sealed class RowInsertTests : IDisposable
{
    private readonly JournalFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Append_EmptyNullLongAndNonAsciiFields_StoredExactlyAndChainVerifies()
    {
        var longId = new string('x', 2000); // beyond the scratch buffer: bound through SQLitePCL's own encoding
        var rows = new[]
        {
            new RowFields(0, "2026-12-06T15:00:00.000001Z", "note", string.Empty, null, "rf-1", null, null, null, null),
            new RowFields(0, "2026-12-06T15:00:00.000002Z", "alert", "drone_incursion", "Noordhek-é", null, 7, longId, 3, "high"),
            new RowFields(0, "2026-12-06T15:00:00.000003Z", "event", "drone", "Z1", "rf-1", long.MaxValue, null, int.MaxValue, null),
        };
        var payloads = new[] { "{}", "{\"zone\":\"Noordhek-é ✓\"}", "{\"n\":1}" };
        JournalHead head;
        using (var connection = JournalDatabase.OpenForWriting(_f.Path, _f.Time, out _))
        using (var sql = new JournalCommands(connection))
        using (var chain = new ChainAppender(sql, connection))
        {
            for (var i = 0; i < rows.Length; i++)
            {
                chain.Append(rows[i], System.Text.Encoding.UTF8.GetBytes(payloads[i]));
            }

            head = chain.Commit();
        }

        using var c = _f.OpenReadOnly();
        Assert.True(JournalVerifier.Verify(c, head).Intact);
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {JournalSchema.Columns}, typeof(payload) FROM journal ORDER BY seq;";
        using var r = cmd.ExecuteReader();
        var stored = new List<JournalRow>();
        while (r.Read())
        {
            stored.Add(JournalDatabase.ReadRow(r));
            Assert.Equal("text", r.GetString(14)); // the payload stays TEXT: json_extract and the readers rely on it
        }

        Assert.Equal(3, stored.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rows[i] with { Seq = i + 1 }, stored[i].Fields);
            Assert.Equal(payloads[i], stored[i].Payload);
        }
    }
}
