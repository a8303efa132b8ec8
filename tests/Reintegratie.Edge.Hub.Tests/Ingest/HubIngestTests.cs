using System.Text;
using Reintegratie.Edge.Hub.Tests.Support;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Xunit.Abstractions;
using static Reintegratie.Edge.Hub.Tests.Support.GatewayMessages;

namespace Reintegratie.Edge.Hub.Tests.Ingest;

/// <summary>The real hub process between a real RabbitMQ node (MQTT in, AMQP quorum queues out) and a real PostgreSQL.</summary>
[Collection(HubCollection.Name)]
public sealed class HubIngestTests(HubInfrastructure infrastructure, ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private RabbitNodeProcess Node => infrastructure.Rabbit.Nodes[0];

    [Fact]
    public async Task GatewayTopics_StoredIdempotent_NeverAppliedOutOfOrder_DiscontinuityRaised_BadInputRecorded()
    {
        var database = infrastructure.Postgres.NewDatabase();
        using var hub = new HubProcess(database, infrastructure.Rabbit.AmqpEndpoints, "t-ingest");
        hub.WaitConsuming();
        await using var gw = await GatewayPublisher.ConnectAsync(Node.MqttPort, "t-ingest", "pi-vught");

        await gw.PublishAsync("status", Status("online"), retain: true);
        await gw.PublishAsync("sensors/rid-1", Sensor("rid-1", "online"), retain: true);
        await gw.PublishAsync("sensors/rid-1", Sensor("rid-1", "fault"), retain: true);
        foreach (var (id, revision) in new[] { ("A", 1), ("A", 2), ("A", 2), ("B", 1), ("B", 3), ("B", 2) })
        {
            await gw.PublishAsync("alerts", Lifecycle(id, revision));
        }

        await gw.PublishAsync("alerts", Lifecycle("A", 3, end: true, ackBy: "j.jansen"));
        await gw.PublishAsync("alerts", Encoding.UTF8.GetBytes("{not json \u0001"));
        await gw.PublishAsync("alerts", Encoding.UTF8.GetBytes("""{"type":"new","before":null,"after":{"id":"X"}}"""));
        await gw.PublishAsync("alerts", Lifecycle("C", 1));
        foreach (var (seq, hash) in new[] { (5L, 5), (5L, 5), (9L, 9), (7L, 7) })
        {
            await gw.PublishAsync("journal/head", Head(seq, Hash(hash)), retain: true);
        }

        await Wait.UntilAsync(() => Sql.Scalar<long>(database, "SELECT count(*) FROM alerts WHERE alert_id = 'C'") == 1
            && Sql.Scalar<long>(database, "SELECT count(*) FROM alerts WHERE kind = 'journal_discontinuity'") == 1, s_timeout, "alert C and the discontinuity\n" + hub.Output);
        output.WriteLine(hub.Output);

        // Alert revisions: each (id, revision) once; A ended at revision 3 with the acknowledgement; B keeps revision 3.
        Assert.Equal(7, Sql.Scalar<long>(database, "SELECT count(*) FROM alert_revisions")); // A1-3, B1-3, C1
        Assert.Equal(["A", "B", "C"], Sql.Rows(database, "SELECT DISTINCT alert_id FROM alert_revisions ORDER BY 1").Select(r => (string)r[0]));
        var a = Sql.Rows(database, "SELECT revision, ended_at IS NOT NULL, acknowledged_by FROM alerts WHERE alert_id = 'A'").Single();
        Assert.Equal([3, true, "j.jansen"], a);
        Assert.Equal(3, Sql.Scalar<int>(database, "SELECT revision FROM alerts WHERE alert_id = 'B'"));
        Assert.Equal(["revisions missing before this one", "older than the revision held"],
            Sql.Rows(database, "SELECT what FROM alert_anomalies WHERE alert_id = 'B' ORDER BY id").Select(r => (string)r[0]));

        // Bad input: both recorded, hex kept, the hub went on (C arrived after them).
        var rejected = Sql.Rows(database, "SELECT reason, body_hex FROM rejected_messages ORDER BY id");
        Assert.Equal(2, rejected.Count);
        Assert.StartsWith("7B6E6F74", (string)rejected[0][1], StringComparison.Ordinal);
        Assert.Contains("revision", (string)rejected[1][0], StringComparison.Ordinal);

        // State: current plus history.
        await Wait.UntilAsync(() => Sql.Scalar<long>(database, "SELECT count(*) FROM sensor_health_history") == 2, s_timeout, "sensor history");
        Assert.Equal("fault", Sql.Scalar<string>(database, "SELECT status FROM sensor_health WHERE site = 'pi-vught' AND sensor_id = 'rid-1'"));
        Assert.Equal("online", Sql.Scalar<string>(database, "SELECT state FROM gateway_status WHERE site = 'pi-vught' AND gateway = 'gw1'"));

        // Heads: every distinct head archived once (the republished 5 counted), the backwards one marked.
        var heads = Sql.Rows(database, "SELECT seq, times_seen, discontinuity FROM journal_heads ORDER BY id");
        Assert.Equal([[5L, 2, false], [9L, 1, false], [7L, 1, true]], heads);
        var title = Sql.Scalar<string>(database, "SELECT title FROM alerts WHERE kind = 'journal_discontinuity'");
        Assert.Contains("van 9", title ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoHubs_ActiveOneKilledMidStream_EveryRevisionOnceInOrder()
    {
        var database = infrastructure.Postgres.NewDatabase();
        using var first = new HubProcess(database, infrastructure.Rabbit.AmqpEndpoints, "t-kill");
        first.WaitConsuming();
        using var second = new HubProcess(database, infrastructure.Rabbit.AmqpEndpoints, "t-kill");
        second.WaitConsuming();
        var gateways = new List<GatewayPublisher>();
        for (var g = 0; g < 3; g++)
        {
            gateways.Add(await GatewayPublisher.ConnectAsync(Node.MqttPort, "t-kill", $"pi-{g}"));
        }

        const int alertsPerGateway = 40;
        for (var n = 0; n < alertsPerGateway; n++)
        {
            if (n == alertsPerGateway / 3)
            {
                first.Process.Signal(9); // SIGKILL the active consumer with deliveries in flight
            }

            for (var revision = 1; revision <= 3; revision++)
            {
                await Task.WhenAll(gateways.Select((gw, g) => gw.PublishAsync("alerts", Lifecycle($"g{g}-{n}", revision, end: revision == 3))));
            }
        }

        var expected = gateways.Count * alertsPerGateway * 3;
        await Wait.UntilAsync(() => Sql.Scalar<long>(database, "SELECT count(*) FROM alert_revisions") == expected, s_timeout, $"{expected} revisions\n{second.Output}");
        foreach (var gw in gateways)
        {
            await gw.DisposeAsync();
        }

        Assert.True(first.Process.HasExited);
        Assert.Equal(gateways.Count * alertsPerGateway, Sql.Scalar<long>(database, "SELECT count(*) FROM alerts WHERE revision = 3 AND ended_at IS NOT NULL"));
        Assert.Equal(0, Sql.Scalar<long>(database, "SELECT count(*) FROM alert_anomalies"));
        output.WriteLine(second.Output);
    }

    [Fact]
    public void MissingDatabase_Exit78NamingTheKey()
    {
        using var hub = new HubProcess(string.Empty, ["127.0.0.1:1"], "t-config");
        Assert.True(hub.Process.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(78, hub.Process.ExitCode);
        Assert.Contains("Hub:Database", string.Join('\n', hub.Process.Stderr), StringComparison.Ordinal);
    }
}
