using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;
using Reintegratie.Edge.Mqtt.Outbox;

namespace Reintegratie.Edge.Mqtt.Client;

/// <summary>
/// The one way anything reaches the broker in a session: the outbox drain, retained state, command replies and the live
/// events all publish here. QoS 1 always; on MQTT 5 also message expiry, payload format (UTF-8) and content type.
/// MQTTnet queues packets for the socket in call order (its send lock is FIFO), so calls made one after another reach
/// the broker in that order.
/// </summary>
internal sealed class MqttPublishChannel : IPublishChannel
{
    private readonly Func<MqttApplicationMessage, CancellationToken, Task<MqttClientPublishResult>> _publish;
    private readonly bool _v5;

    public MqttPublishChannel(IMqttClient client, bool v5)
        : this(client.PublishAsync, v5)
    {
    }

    /// <summary>Over a publish function (the client's <c>PublishAsync</c>; a test's recorder).</summary>
    internal MqttPublishChannel(Func<MqttApplicationMessage, CancellationToken, Task<MqttClientPublishResult>> publish, bool v5)
    {
        _publish = publish;
        _v5 = v5;
    }

    /// <inheritdoc />
    public async Task<PublishOutcome> PublishAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        // The caller's token only abandons the wait: cancelling MQTTnet mid-write would tear the packet stream and drop
        // the connection (seen on shutdown: the clean "offline" status was lost). A dead connection fails the publish
        // through the client's keep-alive instead.
        var result = await Send(message).WaitAsync(cancellationToken).ConfigureAwait(false);
        return new PublishOutcome(Accepted(result.ReasonCode), result.ReasonCode.ToString());
    }

    /// <summary>
    /// Hands <paramref name="message"/> to the client and returns its task (completes on PUBACK) without a wrapper of
    /// its own: the events feed calls this once per event, and it allocates nothing beyond MQTTnet's message.
    /// </summary>
    public Task<MqttClientPublishResult> Send(in OutgoingMessage message)
    {
        var m = new MqttApplicationMessage
        {
            Topic = message.Topic,
            Payload = new ReadOnlySequence<byte>(message.Payload),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            Retain = message.Retain,
        };
        if (_v5)
        {
            // Message expiry, payload format and correlation data are MQTT 5 properties (§3.3.2.3); 3.1.1 has none.
            m.MessageExpiryInterval = message.ExpirySeconds;
            m.PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData;
            m.ContentType = "application/json";
            m.CorrelationData = message.CorrelationData;
        }

        return _publish(m, CancellationToken.None);
    }

    /// <summary>True when the broker took the message: §3.4.2.1, 0x10 "No matching subscribers" is an acceptance too.</summary>
    public static bool Accepted(MqttClientPublishReasonCode code) =>
        code is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers;
}
