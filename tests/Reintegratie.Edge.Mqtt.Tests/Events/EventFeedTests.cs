using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Mqtt.Client;
using Reintegratie.Edge.Mqtt.Events;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Mqtt.Tests.Events;

/// <summary>The live events through the one <see cref="MqttSession"/> (its <c>EventFeed</c>) against a real mosquitto.</summary>
public class EventFeedTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    private static MqttSession Publisher(int port, EventHandoff handoff, InMemoryOutbox? outbox = null, int maxInFlight = 256) =>
        new(
            Options.Create(new MqttOptions { Host = "127.0.0.1", Port = port, Site = "pi-test", ReconnectMaxSeconds = 1 }),
            outbox ?? new InMemoryOutbox(),
            new CollectingEventSink(),
            TimeProvider.System,
            NullLogger<MqttSession>.Instance,
            events: handoff,
            eventsOptions: new MqttEventsOptions { Enabled = true, Kinds = ["drone"], MaxInFlight = maxInFlight });

    private static async Task<IMqttClient> SubscribeAsync(int port, ConcurrentQueue<long> ids)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            ids.Enqueue(doc.RootElement.GetProperty("event_id").GetInt64());
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("sub-" + Guid.NewGuid().ToString("N")).Build();
        ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = 1 << 20; // MQTTnet's 8 KiB SO_RCVBUF stalls a subscriber that falls behind on the TCP persist timer
        await client.ConnectAsync(options);
        await client.SubscribeAsync("pi-edge/pi-test/gw1/events/#", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
        return client;
    }

    private static EventMessage Message(EventPayload payload, long id) =>
        new(EventStage.Topic(EventsTestSite.Topics, Core.Events.EventKind.DroneDetection), payload.Format(EventsTestSite.Drone(id)));

    [Fact]
    public async Task Publish_Connected_EveryEventReachesTheSubscriberInOrder()
    {
        using var broker = new EventsBroker();
        var received = new ConcurrentQueue<long>();
        using var subscriber = await SubscribeAsync(broker.Port, received);
        var handoff = new EventHandoff(4096);
        using var publisher = Publisher(broker.Port, handoff);
        using var payload = new EventPayload(EventsTestSite.Site);
        await publisher.StartAsync(CancellationToken.None);

        Assert.True(SpinWait.SpinUntil(() => handoff.IsAccepting, s_wait));
        for (var i = 0; i < 2000; i++)
        {
            Assert.True(handoff.TryEnqueue(Message(payload, i)));
        }

        Assert.True(SpinWait.SpinUntil(() => received.Count >= 2000 && handoff.Published >= 2000, s_wait), $"received {received.Count}, acknowledged {handoff.Published}");
        await publisher.StopAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (long)i), received);
        Assert.Equal(2000, handoff.Published);
        Assert.Equal(0, handoff.Lost);
    }

    [Fact]
    public async Task Publish_StageFasterThanTheBrokerWithASmallQueue_StageWaitsAndEveryEventArrivesInOrder()
    {
        using var broker = new EventsBroker();
        var received = new ConcurrentQueue<long>();
        using var subscriber = await SubscribeAsync(broker.Port, received);
        var handoff = new EventHandoff(16); // Mqtt:Events:WhenFull wait, the default
        using var publisher = Publisher(broker.Port, handoff, maxInFlight: 1); // one PUBACK round trip per event: far slower than this loop
        using var payload = new EventPayload(EventsTestSite.Site);
        await publisher.StartAsync(CancellationToken.None);

        Assert.True(SpinWait.SpinUntil(() => handoff.IsAccepting, s_wait));
        for (var i = 0; i < 3000; i++)
        {
            Assert.True(handoff.TryEnqueue(Message(payload, i)));
        }

        Assert.True(SpinWait.SpinUntil(() => received.Count >= 3000 && handoff.Published >= 3000, s_wait), $"received {received.Count}, acknowledged {handoff.Published}");
        await publisher.StopAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => (long)i), received);
        Assert.True(handoff.FullWaits > 0, "the queue never filled: the wait path did not run");
        Assert.Equal(0, handoff.Lost);
    }

    [Fact]
    public async Task Publish_BrokerDown_DroppedCountedAndDeliveryResumesAfterRestart()
    {
        using var broker = new EventsBroker();
        var handoff = new EventHandoff(4096);
        using var publisher = Publisher(broker.Port, handoff);
        using var payload = new EventPayload(EventsTestSite.Site);
        await publisher.StartAsync(CancellationToken.None);
        Assert.True(SpinWait.SpinUntil(() => handoff.IsAccepting, s_wait));

        broker.Stop();
        Assert.True(SpinWait.SpinUntil(() => !handoff.IsAccepting, s_wait));
        var accepted = handoff.TryEnqueue(Message(payload, 1));

        broker.Start();
        Assert.True(SpinWait.SpinUntil(() => handoff.IsAccepting, s_wait));
        var received = new ConcurrentQueue<long>();
        using var subscriber = await SubscribeAsync(broker.Port, received);
        Assert.True(handoff.TryEnqueue(Message(payload, 2)));
        Assert.True(SpinWait.SpinUntil(() => received.Contains(2), s_wait));
        await publisher.StopAsync(CancellationToken.None);

        Assert.False(accepted);
        Assert.Equal(1, handoff.DroppedDisconnected);
        Assert.DoesNotContain(1L, received);
    }

    [Fact]
    public async Task Publish_EventsAndOutboxRows_BothArriveOverTheOneSessionAndTheOutboxRowsAreDeleted()
    {
        using var broker = new EventsBroker();
        var received = new ConcurrentQueue<long>();
        using var subscriber = await SubscribeAsync(broker.Port, received);
        var handoff = new EventHandoff(4096);
        var outbox = new InMemoryOutbox();
        using var session = Publisher(broker.Port, handoff, outbox);
        using var payload = new EventPayload(EventsTestSite.Site);
        await session.StartAsync(CancellationToken.None);
        Assert.True(SpinWait.SpinUntil(() => handoff.IsAccepting && session.IsConnected, s_wait));

        for (var i = 0; i < 50; i++)
        {
            outbox.Add("alerts", "{\"n\":" + i + "}");
            Assert.True(handoff.TryEnqueue(Message(payload, i)));
        }

        Assert.True(SpinWait.SpinUntil(() => received.Count >= 50 && session.Published >= 50, s_wait), $"events {received.Count}, outbox rows {session.Published}");
        await session.StopAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), received);
        Assert.Equal(0, outbox.PendingCount);
        Assert.Empty(outbox.Violations);
        Assert.Equal(0, handoff.Lost);
    }
}
