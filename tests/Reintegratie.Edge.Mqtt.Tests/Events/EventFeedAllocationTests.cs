using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Mqtt.Client;
using Reintegratie.Edge.Mqtt.Events;
using Xunit.Abstractions;

namespace Reintegratie.Edge.Mqtt.Tests.Events;

/// <summary>
/// The live events now go through the session's one publish channel; that must cost no allocation per event beyond
/// the MQTTnet message the former events publisher built itself. Counted with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> (bytes, not time), with MQTTnet's client replaced by a function
/// that acknowledges at once, so everything measured runs on this thread.
/// </summary>
public sealed class EventFeedAllocationTests(ITestOutputHelper output)
{
    private const int Count = 2000;
    private static readonly Task<MqttClientPublishResult> s_acknowledged =
        Task.FromResult(new MqttClientPublishResult(1, MqttClientPublishReasonCode.Success, string.Empty, []));

    [Fact]
    public void DirectPublish_PerEvent_AllocatesNoMoreThanTheMqttNetMessageAlone()
    {
        var handoff = new EventHandoff(64);
        using var feed = new EventFeed(handoff, new MqttEventsOptions { Enabled = true }, TimeProvider.System, NullLogger.Instance);
        var channel = new MqttPublishChannel(static (_, _) => s_acknowledged, v5: true);
        handoff.SetDirect(m => feed.TryPublishDirect(channel, m));
        handoff.SetConnected(true);
        var topic = EventStage.Topic(EventsTestSite.Topics, EventKind.DroneDetection);
        var payload = new byte[180];
        var message = new EventMessage(topic, payload);
        Send(handoff, message, 200); // JIT and first-call stubs out of the way

        var before = GC.GetAllocatedBytesForCurrentThread();
        Send(handoff, message, Count);
        var perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Count;

        var baseline = BareMessageBytes(topic, payload);
        output.WriteLine($"{perEvent:F1} bytes per event through the session's channel; {baseline:F1} for MQTTnet's message alone");
        Assert.Equal(Count + 200, handoff.Published);
        Assert.Equal(0, handoff.Lost);
        Assert.True(perEvent <= baseline, $"{perEvent:F1} bytes per event through the channel, {baseline:F1} for the MQTTnet message alone");
    }

    private static void Send(EventHandoff handoff, EventMessage message, int n)
    {
        for (var i = 0; i < n; i++)
        {
            handoff.TryEnqueue(message);
        }
    }

    /// <summary>What the former events publisher allocated per event before handing it to MQTTnet.</summary>
    private static double BareMessageBytes(string topic, byte[] payload)
    {
        MqttApplicationMessage? last = null;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Count; i++)
        {
            last = new MqttApplicationMessage
            {
                Topic = topic,
                Payload = new ReadOnlySequence<byte>(payload),
                QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
                MessageExpiryInterval = 60,
                PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
                ContentType = "application/json",
            };
        }

        var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Count;
        GC.KeepAlive(last);
        return bytes;
    }
}
