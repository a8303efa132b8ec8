using System.Diagnostics;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace Reintegratie.Edge.Mqtt.Tests.Outbox;

/// <summary>
/// Drain harness (docs/BENCHMARKS.md "outbox_drain_msgs_per_s"): a 20k-row backlog through mosquitto on loopback,
/// every row received in order. The rate is printed, not asserted (no timed assertions on a shared machine).
/// </summary>
public sealed class OutboxDrainThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Drain_TwentyThousandRowBacklog_AllReceivedInOrder()
    {
        const int n = 20_000;
        await using var broker = await MosquittoBroker.StartNewAsync();
        var outbox = new InMemoryOutbox();
        for (var i = 0; i < n; i++)
        {
            outbox.Add("alerts", $"{{\"type\":\"new\",\"n\":{i},\"pad\":\"{new string('x', 400)}\"}}");
        }

        var options = PublisherHarness.Plain(broker.Port);
        await using var subscriber = TestMqttClient.Create(broker.Port, "biv-drain");
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("pi-edge/site1/gw1/alerts");

        var clock = Stopwatch.StartNew();
        await using var harness = await PublisherHarness.StartAsync(options, outbox);
        await Wait.UntilAsync(() => outbox.PendingCount == 0, TimeSpan.FromMinutes(3), "backlog drained");
        var seconds = clock.Elapsed.TotalSeconds;
        await Wait.UntilAsync(() => subscriber.Messages.Count >= n, TimeSpan.FromMinutes(1), "all received");

        var received = subscriber.On("pi-edge/site1/gw1/alerts").Select(m => System.Text.Json.JsonDocument.Parse(m.Payload).RootElement.GetProperty("n").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(0, n), received);
        Assert.Empty(outbox.Violations);
        output.WriteLine($"outbox_drain_msgs_per_s={n / seconds:0} ({n} rows in {seconds:0.00} s, including connect)");
    }
}
