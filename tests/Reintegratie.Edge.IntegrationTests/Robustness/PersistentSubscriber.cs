using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>
/// A BIV console as the contract expects one: persistent session (MQTT 5: clean start false, long session expiry;
/// 3.1.1: clean session false), QoS 1 on <c>…/alerts</c> and <c>…/status</c>; reconnects by itself when the broker goes
/// away (every <c>retryMs</c>). With <c>everyTopic</c> it subscribes to the whole subtree instead
/// and keeps every message in <see cref="All"/>. Every CONNACK's session-present flag is recorded, so a test can say whether the broker kept the session.
/// </summary>
internal sealed class PersistentSubscriber : IDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly string _root;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly bool _everyTopic;
    private readonly int _retryMs;

    public PersistentSubscriber(int port, string root, MqttProtocolVersion protocol = MqttProtocolVersion.V500, bool everyTopic = false, int retryMs = 200)
    {
        _root = root;
        _everyTopic = everyTopic;
        _retryMs = retryMs;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("biv-console-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(protocol)
            .WithCleanStart(false); // 3.1.1: the Clean Session bit (§3.1.2.4)
        if (protocol == MqttProtocolVersion.V500)
        {
            builder.WithSessionExpiryInterval(3600);
        }

        _options = builder.Build();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            var text = Encoding.UTF8.GetString(m.Payload);
            All.Enqueue((m.Topic, System.Buffers.BuffersExtensions.ToArray(m.Payload)));
            if (m.Topic == root + "/alerts")
            {
                var arrived = Stopwatch.GetTimestamp();
                using var doc = JsonDocument.Parse(text);
                var after = doc.RootElement.GetProperty("after");
                var id = after.GetProperty("id").GetString()!;
                var revision = after.GetProperty("revision").GetInt32();
                Alerts.Enqueue((id, revision));
                Messages.Enqueue(new AlertMessage(id, revision, doc.RootElement.GetProperty("type").GetString()!,
                    after.GetProperty("kind").GetString()!, after.GetProperty("severity").GetString()!,
                    after.TryGetProperty("drone", out var drone) && drone.ValueKind == JsonValueKind.Object
                        && drone.TryGetProperty("track_id", out var track) && track.ValueKind == JsonValueKind.String ? track.GetString() : null,
                    after.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString() : null,
                    after.TryGetProperty("sensors", out var sensors) && sensors.ValueKind == JsonValueKind.Array
                        ? [.. sensors.EnumerateArray().Select(x => x.GetString() ?? string.Empty)] : [],
                    arrived));
            }
            else if (m.Topic == root + "/journal/head")
            {
                Heads.Enqueue(text); // as a BIV archive keeps it: one retained JSON per line
            }
            else if (m.Topic == root + "/status")
            {
                using var doc = JsonDocument.Parse(text);
                Statuses.Enqueue(doc.RootElement.GetProperty("state").GetString()!);
            }

            return Task.CompletedTask;
        };
        _loop = Task.Run(KeepConnectedAsync);
        Assert.True(SpinWait.SpinUntil(() => _client.IsConnected, TimeSpan.FromSeconds(30)), "subscriber did not connect");
    }

    /// <summary>Every message received (topic, payload), in arrival order.</summary>
    public ConcurrentQueue<(string Topic, byte[] Payload)> All { get; } = new();

    /// <summary>(alert id, revision) of every <c>…/alerts</c> message, in arrival order, duplicates included.</summary>
    public ConcurrentQueue<(string Id, int Revision)> Alerts { get; } = new();

    /// <summary>Every <c>…/alerts</c> message with its details and arrival time, duplicates included.</summary>
    public ConcurrentQueue<AlertMessage> Messages { get; } = new();

    /// <summary><c>state</c> of every <c>…/status</c> message in arrival order.</summary>
    public ConcurrentQueue<string> Statuses { get; } = new();

    /// <summary>Every <c>…/journal/head</c> payload received, as received.</summary>
    public ConcurrentQueue<string> Heads { get; } = new();

    /// <summary>The session-present flag of every successful CONNACK, in order (the first is false: a new session).</summary>
    public ConcurrentQueue<bool> SessionPresent { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(10));
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task KeepConnectedAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    var result = await _client.ConnectAsync(_options, _stop.Token);
                    SessionPresent.Enqueue(result.IsSessionPresent);
                    if (!result.IsSessionPresent)
                    {
                        await _client.SubscribeAsync(_everyTopic
                            ? new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_root + "/#", MqttQualityOfServiceLevel.AtLeastOnce).Build()
                            : new MqttClientSubscribeOptionsBuilder()
                            .WithTopicFilter(_root + "/alerts", MqttQualityOfServiceLevel.AtLeastOnce)
                            .WithTopicFilter(_root + "/status", MqttQualityOfServiceLevel.AtLeastOnce)
                            .WithTopicFilter(_root + "/journal/head", MqttQualityOfServiceLevel.AtLeastOnce)
                            .Build(), _stop.Token);
                    }
                }
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                // Broker away: try again shortly.
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await Task.Delay(_retryMs, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
