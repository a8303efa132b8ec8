using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>
/// Records everything the gateway publishes that a power cut could contradict: the event ids on <c>…/events/#</c>, the
/// alert revisions on <c>…/alerts</c> and the heads on <c>…/journal/head</c> (QoS 1, a clean session of its own); and
/// sends commands as a console would.
/// </summary>
internal sealed class FeedRecorder : IDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public FeedRecorder(int port, string root)
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(m.Payload));
            if (m.Topic.StartsWith(root + "/events/", StringComparison.Ordinal))
            {
                Events.Enqueue(doc.RootElement.GetProperty("event_id").GetInt64());
            }
            else if (m.Topic == root + "/alerts")
            {
                var after = doc.RootElement.GetProperty("after");
                Alerts.Enqueue((after.GetProperty("id").GetString()!, after.GetProperty("revision").GetInt32()));
            }
            else if (m.Topic == root + "/journal/head")
            {
                Heads.Enqueue((doc.RootElement.GetProperty("seq").GetInt64(), doc.RootElement.GetProperty("hash").GetString()!));
            }

            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("feed-" + Guid.NewGuid().ToString("N")[..8]).Build();
        _client.ConnectAsync(options).GetAwaiter().GetResult();
        _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(root + "/events/#", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(root + "/alerts", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(root + "/journal/head", MqttQualityOfServiceLevel.AtLeastOnce)
            .Build()).GetAwaiter().GetResult();
    }

    /// <summary><c>event_id</c> of every event message.</summary>
    public ConcurrentQueue<long> Events { get; } = new();

    /// <summary>(alert id, revision) of every lifecycle message.</summary>
    public ConcurrentQueue<(string Id, int Revision)> Alerts { get; } = new();

    /// <summary>(seq, hash) of every head message.</summary>
    public ConcurrentQueue<(long Seq, string Hash)> Heads { get; } = new();

    /// <summary>Publishes at QoS 1 (a console sending a command); completes on the broker's PUBACK.</summary>
    public Task SendAsync(string topic, string payload) =>
        _client.PublishStringAsync(topic, payload, MqttQualityOfServiceLevel.AtLeastOnce);

    public void Dispose() => _client.Dispose();
}
