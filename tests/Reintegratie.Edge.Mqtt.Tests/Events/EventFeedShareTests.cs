using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Mqtt.Client;
using Reintegratie.Edge.Mqtt.Events;

namespace Reintegratie.Edge.Mqtt.Tests.Events;

/// <summary>The events feed on the shared session: its share of the broker's Receive Maximum, and what a failed event does.</summary>
public sealed class EventFeedShareTests
{
    [Theory]
    [InlineData(65535, 256)] // no Receive Maximum in the CONNACK: Mqtt:Events:MaxInFlight
    [InlineData(100, 50)] // half: the outbox keeps the other half
    [InlineData(20, 10)]
    [InlineData(1, 1)]
    public void InFlightFor_ReceiveMaximum_AtMostHalfAndAtMostMaxInFlight(int receiveMaximum, int expected)
    {
        using var feed = new EventFeed(new EventHandoff(16), new MqttEventsOptions { Enabled = true, MaxInFlight = 256 }, TimeProvider.System, NullLogger.Instance);

        Assert.Equal(expected, feed.InFlightFor(receiveMaximum));
    }

    [Fact]
    public void DirectPublish_BrokerRefusesOrConnectionFails_CountedAsFailedNothingThrown()
    {
        var handoff = new EventHandoff(16);
        using var feed = new EventFeed(handoff, new MqttEventsOptions { Enabled = true, MaxInFlight = 1 }, TimeProvider.System, NullLogger.Instance);
        var refused = Task.FromResult(new MqttClientPublishResult(1, MqttClientPublishReasonCode.NotAuthorized, string.Empty, []));
        var acknowledged = Task.FromResult(new MqttClientPublishResult(2, MqttClientPublishReasonCode.Success, string.Empty, []));
        var answers = new Queue<Task<MqttClientPublishResult>>([refused, Task.FromException<MqttClientPublishResult>(new IOException("connection lost")), acknowledged]);
        var channel = new MqttPublishChannel((_, _) => answers.Dequeue(), v5: true);
        handoff.SetDirect(m => feed.TryPublishDirect(channel, m));
        handoff.SetConnected(true);
        var message = new EventMessage(EventStage.Topic(EventsTestSite.Topics, EventKind.DroneDetection), new byte[] { 1 });

        Assert.True(handoff.TryEnqueue(message));
        Assert.True(handoff.TryEnqueue(message));
        Assert.True(handoff.TryEnqueue(message)); // one slot: the failed ones gave it back, or this one would wait in the queue

        Assert.Equal(2, handoff.Failed);
        Assert.Equal(1, handoff.Published);
        Assert.Equal(3, handoff.Enqueued);
    }
}
