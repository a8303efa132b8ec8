using System.Text;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Reading;

/// <summary>Reads journal rows for <c>edgectl log</c> (read-only connection; works while the gateway writes).</summary>
public static class JournalReader
{
    /// <summary>Rows matching <paramref name="query"/>, in seq order, streamed.</summary>
    /// <remarks>
    /// A time range reads only the seq ranges <see cref="SeqRanges"/> finds by bisection (the journal has no index on
    /// every row's time), with the same filters, so the rows are exactly those a scan of the whole journal returns.
    /// </remarks>
    public static IEnumerable<JournalRow> Query(SqliteConnection connection, JournalQuery query)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        return QueryRanges(connection, query, SeqRanges.For(connection, query.From, query.To, query.AfterSeq));
    }

    private static IEnumerable<JournalRow> QueryRanges(SqliteConnection connection, JournalQuery query, IReadOnlyList<(long From, long To)> ranges)
    {
        var left = query.Limit > 0 ? query.Limit : long.MaxValue;
        using var command = connection.CreateCommand();
        var where = new StringBuilder("seq BETWEEN $first AND $last");
        var first = command.Parameters.AddWithValue("$first", 0L);
        var last = command.Parameters.AddWithValue("$last", 0L);
        Add(command, where, "at >= $from", "$from", query.From is { } f ? JournalTime.ToText(f) : null);
        Add(command, where, "at < $to", "$to", query.To is { } t ? JournalTime.ToText(t) : null);
        Add(command, where, "kind = $kind", "$kind", query.Kind);
        Add(command, where, "type = $type", "$type", query.Type);
        Add(command, where, "zone = $zone", "$zone", query.Zone);
        Add(command, where, "sensor = $sensor", "$sensor", query.Sensor);
        Add(command, where, "alert_id = $alert", "$alert", query.AlertId);
        command.CommandText = $"SELECT {JournalSchema.Columns} FROM journal WHERE {where} ORDER BY seq;";
        foreach (var (from, to) in ranges)
        {
            (first.Value, last.Value) = (from, to);
            using var reader = command.ExecuteReader();
            while (left > 0 && reader.Read())
            {
                left--;
                yield return JournalDatabase.ReadRow(reader);
            }
        }
    }

    /// <summary>The last <paramref name="count"/> rows, oldest first.</summary>
    public static IReadOnlyList<JournalRow> Tail(SqliteConnection connection, int count)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {JournalSchema.Columns} FROM journal ORDER BY seq DESC LIMIT $n;";
        command.Parameters.AddWithValue("$n", count);
        using var reader = command.ExecuteReader();
        var rows = new List<JournalRow>();
        while (reader.Read())
        {
            rows.Add(JournalDatabase.ReadRow(reader));
        }

        rows.Reverse();
        return rows;
    }

    /// <summary>Number of rows.</summary>
    public static long Count(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM journal;";
        return (long)command.ExecuteScalar()!;
    }

    private static void Add(SqliteCommand command, StringBuilder where, string clause, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        where.Append(" AND ").Append(clause);
        command.Parameters.AddWithValue(name, value);
    }
}
