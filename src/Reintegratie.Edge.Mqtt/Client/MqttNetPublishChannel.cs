using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;
using Reintegratie.Edge.Mqtt.Outbox;

namespace Reintegratie.Edge.Mqtt.Client;

/// <summary>
/// <see cref="IPublishChannel"/> over an MQTTnet client: QoS 1 always; on MQTT 5 also message expiry, payload format
/// (UTF-8) and content type. MQTTnet queues packets for the socket in call order (its send lock is FIFO), so calls made
/// one after another reach the broker in that order.
/// </summary>
internal sealed class MqttNetPublishChannel : IPublishChannel
{
    private readonly IMqttClient _client;
    private readonly bool _v5;

    public MqttNetPublishChannel(IMqttClient client, bool v5)
    {
        _client = client;
        _v5 = v5;
    }

    public async Task<PublishOutcome> PublishAsync(OutgoingMessage message, CancellationToken cancellationToken)
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

        // The caller's token only abandons the wait: cancelling MQTTnet mid-write would tear the packet stream and drop
        // the connection (seen on shutdown: the clean "offline" status was lost). A dead connection fails the publish
        // through the client's keep-alive instead.
        var result = await _client.PublishAsync(m, CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);

        // §3.4.2.1: 0x10 "No matching subscribers" still means the broker accepted the message.
        var ok = result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers;
        return new PublishOutcome(ok, result.ReasonCode.ToString());
    }
}
