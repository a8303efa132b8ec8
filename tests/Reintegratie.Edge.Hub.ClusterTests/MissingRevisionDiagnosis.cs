using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Hub.Tests.Support;

namespace Reintegratie.Edge.Hub.ClusterTests;

/// <summary>
/// What the cluster test prints for each alert revision a gateway journaled but PostgreSQL does not hold under that
/// gateway's site: where along gateway journal -> outbox -> broker queue -> hub -> PostgreSQL it stopped.
/// <list type="bullet">
/// <item>the journal row (the gateway's <c>log export</c> line);</item>
/// <item>its outbox rows in the stopped gateway's <c>journal.db</c> (still there = never PUBACKed: not delivered);</item>
/// <item>the same (alert id, revision) in PostgreSQL under another site (the hub dropped it as that one's duplicate);</item>
/// <item>the hub queues' counters on a running broker node (ready or unacknowledged = still on its way to the hub);</item>
/// <item>the hub's log lines about queues going down (deadlocks, reconnects).</item>
/// </list>
/// </summary>
internal static class MissingRevisionDiagnosis
{
    public static string Describe(string database, SimulatedGateway gateway, string id, int revision, string journalRow)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{gateway.Site} {id}#{revision}\n  journal: {journalRow}\n  outbox: {Outbox(gateway.Journal, id, revision)}\n");
        var elsewhere = Sql.Rows(database, "SELECT site, gateway, received_at FROM alert_revisions WHERE alert_id = $1 AND revision = $2", id, revision)
            .Select(r => $"{r[0]}/{r[1]} at {r[2]}").ToList();
        text.Append("  in PostgreSQL under: ").Append(elsewhere.Count == 0 ? "(none)" : string.Join(", ", elsewhere)).Append('\n');
        return text.ToString();
    }

    public static string Broker(RabbitCluster cluster, IEnumerable<HubProcess> hubs)
    {
        var node = cluster.Nodes.FirstOrDefault(n => n.Running);
        var queues = node is null
            ? "(no broker node running)"
            : Try(() => node.Cli("rabbitmqctl", ["-n", node.Name, "list_queues", "name", "type", "messages_ready", "messages_unacknowledged", "consumers"]));
        var hubLines = hubs.SelectMany(h => h.Process.Stdout.Concat(h.Process.Stderr))
            .Where(l => l.Contains("Queue ", StringComparison.Ordinal) || l.Contains("40P01", StringComparison.Ordinal) || l.Contains("fail", StringComparison.OrdinalIgnoreCase))
            .TakeLast(30);
        return $"broker queues:\n{queues}\nhub queue events:\n{string.Join('\n', hubLines)}";
    }

    private static string Outbox(string journal, string id, int revision)
    {
        if (!File.Exists(journal))
        {
            return "(no journal file)";
        }

        return Try(() =>
        {
            using var connection = new SqliteConnection($"Data Source={journal};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, topic, created_at FROM outbox WHERE alert_id = $id AND revision = $revision ORDER BY id";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$revision", revision);
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"row {reader.GetInt64(0)} {reader.GetString(1)} created {reader.GetInt64(2)}"));
            }

            return rows.Count == 0 ? "(none: PUBACKed by the broker, or shed)" : "still queued, not PUBACKed: " + string.Join("; ", rows);
        });
    }

    private static string Try(Func<string> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
        {
            return $"({ex.GetType().Name}: {ex.Message})";
        }
    }
}
