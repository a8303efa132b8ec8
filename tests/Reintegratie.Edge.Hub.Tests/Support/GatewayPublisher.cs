using MQTTnet;
using MQTTnet.Protocol;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Hub.Tests.Support;

/// <summary>Publishes gateway topics over MQTT 3.1.1, QoS 1 (as the gateway does against RabbitMQ), below <c>{prefix}/{site}/{gateway}</c>.</summary>
public sealed class GatewayPublisher(TestMqttClient client, string prefix, string site, string gateway) : IAsyncDisposable
{
    public static async Task<GatewayPublisher> ConnectAsync(int port, string prefix, string site, string gateway = "gw1")
    {
        var client = TestMqttClient.Create(port, $"{prefix}-{site}-{gateway}", v5: false);
        await client.ConnectWithRetryAsync(TimeSpan.FromSeconds(30));
        return new GatewayPublisher(client, prefix, site, gateway);
    }

    public async Task PublishAsync(string topic, byte[] payload, bool retain = false)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic($"{prefix}/{site}/{gateway}/{topic}")
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        var result = await client.Client.PublishAsync(message);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"publish to {topic} failed: {result.ReasonCode}");
        }
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
