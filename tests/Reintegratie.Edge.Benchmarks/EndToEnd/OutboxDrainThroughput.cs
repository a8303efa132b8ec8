using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Reintegratie.Edge.Journal;
using Reintegratie.Edge.Journal.Outbox;
using Reintegratie.Edge.Journal.Writing;
using Reintegratie.Edge.Mqtt.Client;
using Reintegratie.Edge.Mqtt.Configuration;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// outbox_drain_msgs_per_s: the state after a broker outage, a backlog of alert lifecycle rows in the journal's outbox
/// (SQLite, as the journal leaves it), drained by the real <see cref="MqttSession"/> into mosquitto on loopback and
/// received by a subscriber. The time runs from the publisher's start until the outbox is empty (rows are deleted on
/// PUBACK); the subscriber checks that every row arrived in order.
/// </summary>
internal static class OutboxDrainThroughput
{
    public static (double MsgsPerSecond, bool InOrder, long Received) Run(int rows)
    {
        var dir = Directory.CreateTempSubdirectory("edge-outbox-bench-").FullName;
        try
        {
            using var broker = new Mosquitto(dir);
            var path = Path.Combine(dir, "journal.db");
            JournalWriter.Open(new JournalOptions { Path = path }, JournalThroughput.Site, TimeProvider.System).Dispose();
            FillBacklog(path, rows);

            var received = new List<int>(rows);
            var book = new LatencyBook(1);
            using var subscriber = EventSubscriber.Start(broker.Port, "pi-edge/bench/gw1/alerts", book, p =>
            {
                using var doc = JsonDocument.Parse(p.ToArray());
                lock (received)
                {
                    received.Add(doc.RootElement.GetProperty("n").GetInt32());
                }

                return 0;
            });
            using var store = new OutboxStore(path, new CommitSignal(), TimeProvider.System);
            using var publisher = new MqttSession(
                Options.Create(new MqttOptions { Host = "127.0.0.1", Port = broker.Port, Site = "bench", Gateway = "gw1", ClientId = "bench-drain" }),
                store, new NullEventSink(), TimeProvider.System, NullLogger<MqttSession>.Instance);
            var start = Stopwatch.GetTimestamp();
            publisher.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
            SpinWait.SpinUntil(() =>
            {
                Thread.Sleep(5);
                return store.PendingCount == 0;
            }, TimeSpan.FromMinutes(3));
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            SpinWait.SpinUntil(() =>
            {
                lock (received)
                {
                    return received.Count >= rows;
                }
            }, TimeSpan.FromSeconds(30));
            publisher.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            lock (received)
            {
                return (rows / seconds, received.SequenceEqual(Enumerable.Range(0, rows)), received.Count);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void FillBacklog(string path, int rows)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        using var tx = c.BeginTransaction();
        using var insert = c.CreateCommand();
        insert.CommandText = "INSERT INTO outbox (topic, payload, retain, severity, created_at, alert_id, revision, journal_seq) VALUES ('alerts', $p, 0, 3, 0, $a, $r, $r);";
        var p = insert.Parameters.Add("$p", SqliteType.Blob);
        var a = insert.Parameters.Add("$a", SqliteType.Text);
        var r = insert.Parameters.Add("$r", SqliteType.Integer);
        var pad = new string('x', 400);
        for (var i = 0; i < rows; i++)
        {
            p.Value = Encoding.UTF8.GetBytes($"{{\"type\":\"update\",\"n\":{i},\"pad\":\"{pad}\"}}");
            a.Value = $"01BENCH{i / 100:D8}";
            r.Value = i + 1;
            insert.ExecuteNonQuery();
        }

        tx.Commit();
    }
}
