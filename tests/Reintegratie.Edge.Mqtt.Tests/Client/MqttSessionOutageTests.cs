using System.Text.Json;
using Reintegratie.Edge.Mqtt.Session;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Mqtt.Tests.Client;

/// <summary>Broker outage against a real mosquitto with persistence: nothing lost, order kept, rows deleted only after PUBACK.</summary>
public sealed class MqttSessionOutageTests
{
    [Fact]
    public async Task Publisher_BrokerDownForMoreThanTenSeconds_DeliversEveryRowInOrderAfterRestart()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var harness = await PublisherHarness.StartAsync(PublisherHarness.Plain(broker.Port));
        var alerts = harness.Root + "/alerts";
        await using var subscriber = TestMqttClient.Create(broker.Port, "biv-outage", persistent: true);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync(alerts);

        for (var i = 0; i < 50; i++)
        {
            harness.Outbox.Add("alerts", $"{{\"n\":{i}}}");
        }

        await Wait.UntilAsync(() => harness.Outbox.PendingCount == 0, TimeSpan.FromSeconds(30), "first 50 rows delivered");
        await Wait.UntilAsync(() => subscriber.On(alerts).Count >= 50, TimeSpan.FromSeconds(30), "subscriber has the first 50");

        await broker.StopAsync();
        for (var i = 50; i < 200; i++)
        {
            harness.Outbox.Add("alerts", $"{{\"n\":{i}}}");
        }

        await Wait.UntilAsync(() => harness.Sink.GatewayReasons.Contains(BrokerPathMonitor.LostReason), TimeSpan.FromSeconds(40), "broker_path_lost raised");
        Assert.Equal(150, harness.Outbox.PendingCount); // nothing deleted without a PUBACK

        await broker.StartAsync();
        await subscriber.ConnectWithRetryAsync(TimeSpan.FromSeconds(30));
        await Wait.UntilAsync(() => harness.Outbox.PendingCount == 0, TimeSpan.FromSeconds(60), "backlog drained after restart");
        await Wait.UntilAsync(() => Distinct(subscriber, alerts).Count == 200, TimeSpan.FromSeconds(60), "subscriber has all 200");

        Assert.Equal(Enumerable.Range(0, 200), Distinct(subscriber, alerts));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), harness.Outbox.Deleted);
        Assert.Empty(harness.Outbox.Violations);
        await Wait.UntilAsync(() => harness.Sink.GatewayReasons.Contains(BrokerPathMonitor.RestoredReason), TimeSpan.FromSeconds(10), "broker_path_restored");
    }

    /// <summary>The n values in first-seen order (QoS 1 may duplicate; consumers de-duplicate).</summary>
    private static List<int> Distinct(TestMqttClient client, string topic)
    {
        var seen = new HashSet<int>();
        var order = new List<int>();
        foreach (var m in client.On(topic))
        {
            var n = JsonDocument.Parse(m.Payload).RootElement.GetProperty("n").GetInt32();
            if (seen.Add(n))
            {
                order.Add(n);
            }
        }

        return order;
    }
}
