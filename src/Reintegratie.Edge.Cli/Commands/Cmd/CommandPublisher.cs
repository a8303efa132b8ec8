using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace Reintegratie.Edge.Cli.Commands.Cmd;

/// <summary>Publishes one signed command (QoS 1, not retained) and waits for the gateway's reply on <c>{root}/cmd/{verb}/reply/{correlation}</c>.</summary>
internal static class CommandPublisher
{
    public static async Task<string?> PublishAsync(string host, int port, string root, string verb, string correlation, byte[] payload, TimeSpan timeout, CancellationToken ct)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var replyTopic = $"{root}/cmd/{verb}/reply/{correlation}";
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == replyTopic)
            {
                reply.TrySetResult(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            }

            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId("edgectl-" + correlation)
            .Build();
        await client.ConnectAsync(options, ct).ConfigureAwait(false);
        await client.SubscribeAsync(replyTopic, MqttQualityOfServiceLevel.AtLeastOnce, ct).ConfigureAwait(false);
        await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"{root}/cmd/{verb}")
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), ct).ConfigureAwait(false);
        try
        {
            return await reply.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            await client.DisconnectAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
    }
}
