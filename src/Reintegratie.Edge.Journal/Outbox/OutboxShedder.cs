using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Topics;

namespace Reintegratie.Edge.Journal.Outbox;

/// <summary>
/// The outbox bounds policy, run by the writer inside its transaction. Order of shedding: superseded
/// <c>alerts/active</c> rows (only the newest retained state matters), then rows below <see cref="Severity.High"/>,
/// lowest severity first and oldest first within a severity. High and critical rows, and the newest
/// <c>alerts/active</c> row, are never shed.
/// </summary>
internal sealed class OutboxShedder : IDisposable
{
    private const string NewestActive = $"coalesce((SELECT max(id) FROM outbox WHERE topic = '{GatewayTopics.AlertsActive}'), -1)";
    private static readonly int s_high = (int)Severity.High;

    private readonly SqliteCommand _count;
    private readonly SqliteCommand _superseded;
    private readonly SqliteCommand _lowest;
    private readonly SqliteCommand _aged;

    public OutboxShedder(SqliteConnection connection)
    {
        _count = connection.CreateCommand();
        _count.CommandText = "SELECT count(*) FROM outbox;";
        _superseded = connection.CreateCommand();
        _superseded.CommandText = $"DELETE FROM outbox WHERE topic = '{GatewayTopics.AlertsActive}' AND id < {NewestActive};";
        _lowest = connection.CreateCommand();
        _lowest.CommandText = $"DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE severity < {s_high} AND id <> {NewestActive} ORDER BY severity, id LIMIT $n);";
        _lowest.Parameters.AddWithValue("$n", 0L);
        _aged = connection.CreateCommand();
        _aged.CommandText = $"DELETE FROM outbox WHERE created_at < $cutoff AND severity < {s_high} AND id <> {NewestActive};";
        _aged.Parameters.AddWithValue("$cutoff", 0L);
    }

    /// <summary>Brings the row count to at most <paramref name="maxRows"/> where the policy allows; returns rows shed.</summary>
    public long ShedOverCount(int maxRows)
    {
        var count = (long)_count.ExecuteScalar()!;
        if (count <= maxRows)
        {
            return 0;
        }

        long shed = _superseded.ExecuteNonQuery();
        count -= shed;
        if (count > maxRows)
        {
            _lowest.Parameters[0].Value = count - maxRows;
            shed += _lowest.ExecuteNonQuery();
        }

        return shed;
    }

    /// <summary>Sheds sheddable rows created before <paramref name="cutoff"/>; returns rows shed.</summary>
    public long ShedAged(DateTimeOffset cutoff)
    {
        _aged.Parameters[0].Value = cutoff.ToUnixTimeMilliseconds();
        var shed = _aged.ExecuteNonQuery();
        if (shed > 0)
        {
            shed += _superseded.ExecuteNonQuery();
        }

        return shed;
    }

    public void Dispose()
    {
        _count.Dispose();
        _superseded.Dispose();
        _lowest.Dispose();
        _aged.Dispose();
    }
}
