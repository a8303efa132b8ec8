using System.Globalization;
using System.Text.Json;
using Reintegratie.Edge.Hub.Tests.Support;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace Reintegratie.Edge.Hub.ClusterTests;

/// <summary>
/// The failure case of docs/HUB.md end to end: real `--simulate default` gateways (HUB_TEST_GATEWAYS, default 3;
/// `make test-hub` runs 24) through a three-node RabbitMQ cluster (quorum queues, MQTT sessions as quorum queues) into
/// two hub instances. Mid-run one hub instance is SIGKILLed and one broker node stopped; one gateway's journal is
/// swapped for an older copy. Afterwards every alert revision each gateway journaled is in PostgreSQL exactly once and
/// in order per alert, every gateway's final journal head is archived, and journal_discontinuity fired for the swap.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class ClusterFailureTests(HubInfrastructure infrastructure, ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task HubKilledAndBrokerNodeStopped_EveryJournaledRevisionOnceInOrder_HeadsArchived_SwapDetected()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("HUB_TEST_GATEWAYS"), CultureInfo.InvariantCulture, out var n) ? n : 3;
        var database = infrastructure.Postgres.NewDatabase();
        using var cluster = new RabbitCluster(3);
        var amqp = cluster.AmqpEndpoints.ToList();
        using var first = new HubProcess(database, amqp, "t-cluster");
        first.WaitConsuming();
        using var second = new HubProcess(database, [amqp[1], amqp[2], amqp[0]], "t-cluster");
        second.WaitConsuming();

        var mqtt = cluster.Nodes.Select(x => x.MqttPort).ToArray();
        var gateways = Enumerable.Range(0, count)
            .Select(i => new SimulatedGateway("t-cluster", $"pi-{i:00}", [mqtt[i % 3], mqtt[(i + 1) % 3], mqtt[(i + 2) % 3]]))
            .ToList();
        try
        {
            // Wait for every gateway to have come up (a birth in PostgreSQL), not for a fixed time: 24 gateways on 2 busy cores
            // start slowly. "Has been online", not "is online": the scenario's own broker outage takes each one offline for a while.
            await Wait.UntilAsync(() => Sql.Scalar<long>(database, "SELECT count(DISTINCT site) FROM gateway_status_history WHERE state = 'online'") == count,
                s_timeout, () => "every gateway online once; never online: " + string.Join("\n", gateways
                    .Where(g => Sql.Scalar<long>(database, "SELECT count(*) FROM gateway_status_history WHERE site = $1 AND state = 'online'", g.Site) == 0)
                    .Select(g => $"{g.Site} (exited: {g.Process.HasExited})\n{g.Output}")));
            output.WriteLine($"{count} gateways online");
            await Task.Delay(TimeSpan.FromSeconds(5));
            var swapped = gateways[0];
            swapped.Stop();
            var oldCopy = Path.Combine(swapped.StateDirectory, "journal-old.db");
            File.Copy(swapped.Journal, oldCopy);
            var copiedSeq = swapped.Export().Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).Max();
            swapped.Restart();

            await Task.Delay(TimeSpan.FromSeconds(10));
            first.Process.Signal(9);
            output.WriteLine("hub instance 1 SIGKILLed");
            cluster.Nodes[2].Stop();
            output.WriteLine("broker node 3 stopped");
            await Task.Delay(TimeSpan.FromSeconds(15));

            // The swap must take the journal back: wait until the live chain has grown past the copy.
            await Wait.UntilAsync(() => Sql.Scalar<long>(database, "SELECT seq FROM journal_tips WHERE site = $1", swapped.Site) > copiedSeq, s_timeout,
                $"{swapped.Site}'s head past {copiedSeq}");
            swapped.Stop();
            File.Copy(oldCopy, swapped.Journal, overwrite: true);
            File.Delete(swapped.Journal + "-wal");
            File.Delete(swapped.Journal + "-shm");
            swapped.Restart();
            output.WriteLine($"{swapped.Site}: journal swapped for the copy taken 25 s earlier");
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
        finally
        {
            foreach (var gateway in gateways)
            {
                gateway.Stop(); // SIGTERM: the outbox drains and the last head goes out
            }
        }

        var journaled = gateways.ToDictionary(g => g.Site, g => AlertRevisions(g.Export()));
        var total = journaled.Values.Sum(v => v.Count);
        output.WriteLine($"{count} gateways journaled {total} alert revisions");
        Assert.True(total > 0, "the gateways journaled no alerts: nothing to check");
        // The message is built at the timeout: per missing revision its journal row, its outbox rows, whether PostgreSQL holds
        // the same (alert id, revision) under another site, then the hub queues' counters and the hubs' queue events.
        await Wait.UntilAsync(() => journaled.All(kv => MissingRevisions(database, kv.Key, kv.Value).Count == 0), s_timeout,
            () => "every journaled revision in PostgreSQL; missing:\n" + string.Concat(gateways
                .SelectMany(g => MissingRevisions(database, g.Site, journaled[g.Site])
                    .Select(m => MissingRevisionDiagnosis.Describe(database, g, m.Id, m.Revision, journaled[g.Site][m]))))
                + MissingRevisionDiagnosis.Broker(cluster, [first, second]) + "\nhub:\n" + second.Output);

        // Exactly once is the primary key; in order: per alert the revisions held are 1..n and the current row is n.
        Assert.Equal(0, Sql.Scalar<long>(database, """
            SELECT count(*) FROM (SELECT alert_id, max(revision) AS m, count(*) AS c FROM alert_revisions GROUP BY alert_id) r
            JOIN alerts a USING (alert_id) WHERE r.m <> r.c OR a.revision <> r.m
            """));
        // Alert ids are per gateway (AlertIdSeed): one id under two sites would mean the hub dropped one gateway's revision
        // as the other's duplicate.
        Assert.Equal(0, Sql.Scalar<long>(database, "SELECT count(*) FROM (SELECT alert_id FROM alert_revisions GROUP BY alert_id HAVING count(DISTINCT site) > 1) s"));
        foreach (var gateway in gateways.Skip(1))
        {
            var head = gateway.Export().Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).Max();
            Assert.Equal(head, Sql.Scalar<long>(database, "SELECT seq FROM journal_tips WHERE site = $1", gateway.Site));
        }

        Assert.Equal(0, Sql.Scalar<long>(database, "SELECT count(*) FROM alerts WHERE kind = 'journal_discontinuity' AND site <> 'pi-00'"));
        Assert.True(Sql.Scalar<long>(database, "SELECT count(*) FROM alerts WHERE kind = 'journal_discontinuity' AND site = 'pi-00'") >= 1,
            "no journal_discontinuity for the swapped journal");
        output.WriteLine("heads archived: " + Sql.Scalar<long>(database, "SELECT count(*) FROM journal_heads"));
        foreach (var g in gateways)
        {
            g.Dispose();
        }
    }

    /// <summary>Every alert revision in a gateway's journal export, with its export line.</summary>
    private static Dictionary<(string Id, int Revision), string> AlertRevisions(IEnumerable<string> export) =>
        export.Select(l => (Line: l, Row: JsonDocument.Parse(l).RootElement))
            .Where(r => r.Row.GetProperty("type").GetString() == "alert")
            .GroupBy(r => (r.Row.GetProperty("alert_id").GetString()!, r.Row.GetProperty("revision").GetInt32()))
            .ToDictionary(g => g.Key, g => g.First().Line);

    private static List<(string Id, int Revision)> MissingRevisions(string database, string site, Dictionary<(string Id, int Revision), string> journaled)
    {
        var held = Sql.Rows(database, "SELECT alert_id, revision FROM alert_revisions WHERE site = $1", site)
            .Select(r => ((string)r[0], (int)r[1])).ToHashSet();
        return journaled.Keys.Where(j => !held.Contains(j)).Order().ToList();
    }
}
