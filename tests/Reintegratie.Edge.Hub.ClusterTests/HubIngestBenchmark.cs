using System.Diagnostics;
using System.Globalization;
using Reintegratie.Edge.Hub.Tests.Support;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Xunit.Abstractions;
using static Reintegratie.Edge.Hub.Tests.Support.GatewayMessages;

namespace Reintegratie.Edge.Hub.ClusterTests;

/// <summary>
/// `make bench-hub`: figures for docs/BENCHMARKS.md, printed, not asserted beyond "everything arrived". One RabbitMQ node,
/// one hub instance, PostgreSQL on this machine. (1) ingest: 8 publishers x 2,500 alert lifecycle messages as fast as
/// QoS 1 allows; the hub's committed messages per second from the first to the last commit. (2) latency: 1 message
/// every 10 ms for 20 s; MQTT publish -> PostgreSQL commit (received_at), p50 and p99.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class HubIngestBenchmark(HubInfrastructure infrastructure, ITestOutputHelper output)
{
    [Fact]
    public async Task Ingest_MessagesPerSecondPerInstance_And_PublishToCommitLatency()
    {
        var database = infrastructure.Postgres.NewDatabase();
        using var hub = new HubProcess(database, infrastructure.Rabbit.AmqpEndpoints, "t-bench");
        hub.WaitConsuming();
        var port = infrastructure.Rabbit.Nodes[0].MqttPort;

        const int publishers = 8, perPublisher = 2500;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, publishers).Select(async p =>
        {
            await using var gw = await GatewayPublisher.ConnectAsync(port, "t-bench", $"pi-{p}");
            for (var i = 0; i < perPublisher; i++)
            {
                await gw.PublishAsync("alerts", Lifecycle($"b{p}-{i / 3}", (i % 3) + 1));
            }
        }));
        var published = sw.Elapsed;
        await Wait.UntilAsync(() => Sql.Scalar<long>(database, "SELECT count(*) FROM alert_revisions") == publishers * perPublisher, TimeSpan.FromMinutes(5), "all ingested");
        var span = Sql.Scalar<double>(database, "SELECT extract(epoch FROM max(received_at) - min(received_at))::float8 FROM alert_revisions");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest: {publishers * perPublisher} messages published in {published.TotalSeconds:0.0} s; hub committed them at {publishers * perPublisher / span:0} msg/s (first to last commit {span:0.00} s)"));

        await using var paced = await GatewayPublisher.ConnectAsync(port, "t-bench", "pi-latency");
        var sent = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < 2000; i++)
        {
            var id = $"lat-{i}";
            sent[id] = DateTimeOffset.UtcNow;
            await paced.PublishAsync("alerts", Lifecycle(id, 1));
            await Task.Delay(10);
        }

        await Wait.UntilAsync(() => Sql.Scalar<long>(database, "SELECT count(*) FROM alert_revisions WHERE site = 'pi-latency'") == 2000, TimeSpan.FromMinutes(2), "latency run ingested");
        var latencies = Sql.Rows(database, "SELECT alert_id, received_at FROM alert_revisions WHERE site = 'pi-latency'")
            .Select(r => (new DateTimeOffset((DateTime)r[1], TimeSpan.Zero) - sent[(string)r[0]]).TotalMilliseconds).Order().ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"publish -> PostgreSQL commit at ~100 msg/s: p50 {latencies[latencies.Length / 2]:0.0} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:0.0} ms, max {latencies[^1]:0.0} ms"));
    }
}
