using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Mqtt.Tests.Client;

/// <summary>Commands round trip through mosquitto: MQTT 5 response topic + correlation data, and the 3.1.1 reply convention.</summary>
public sealed class MqttSessionCommandTests
{
    [Fact]
    public async Task Ack_V5WithResponseTopic_RepliesWithCorrelationDataAndFusionResult()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        var sink = new CollectingEventSink { Responder = c => new CommandResult(true, "acknowledged", c.AlertId, 3) };
        await using var harness = await PublisherHarness.StartAsync(PublisherHarness.Plain(broker.Port), sink: sink);
        await Wait.UntilAsync(() => harness.Publisher.IsConnected, TimeSpan.FromSeconds(30), "publisher connected");
        await using var console = TestMqttClient.Create(broker.Port, "console1");
        await console.ConnectAsync();
        await console.SubscribeAsync("biv/replies/console1");
        await Task.Delay(200); // let the gateway's SUBACK settle; commands sent before would still be queued by the session

        var correlation = Guid.NewGuid().ToByteArray();
        await console.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(harness.Root + "/cmd/ack")
            .WithPayload(harness.Signed("ack", new() { ["alert_id"] = "01JABCDEF", ["operator"] = "J. Jansen", ["note"] = "gezien" }))
            .WithResponseTopic("biv/replies/console1")
            .WithCorrelationData(correlation)
            .WithUserProperty("sender", Encoding.UTF8.GetBytes("console1").AsMemory())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

        await Wait.UntilAsync(() => console.On("biv/replies/console1").Count == 1, TimeSpan.FromSeconds(30), "reply");
        var reply = console.On("biv/replies/console1")[0];
        Assert.Equal(correlation, reply.CorrelationData);
        var json = JsonDocument.Parse(reply.Payload).RootElement;
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal("01JABCDEF", json.GetProperty("alert_id").GetString());
        Assert.Equal(3, json.GetProperty("revision").GetInt32());
        var (header, command) = Assert.Single(sink.Commands);
        Assert.Equal(EventKind.Command, header.Kind);
        Assert.Equal(-1, header.SensorIndex);
        Assert.Equal("console", command.Sender); // the verified key, not the user property "console1"
        Assert.Equal("J. Jansen", command.Operator);
    }

    [Theory]
    [InlineData("ack", "{\"alert_id\":", "payload")]
    [InlineData("ack", "{\"operator\":\"x\"}", "alert_id")]
    [InlineData("bypass", "{\"zone\":\"Z1\",\"until\":\"tomorrow\",\"reason\":\"x\"}", "until")]
    [InlineData("reboot", "{}", "verb")]
    public async Task Command_Invalid_RepliesWithErrorNamingTheField(string verb, string payload, string field)
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var harness = await PublisherHarness.StartAsync(PublisherHarness.Plain(broker.Port));
        await Wait.UntilAsync(() => harness.Publisher.IsConnected, TimeSpan.FromSeconds(30), "publisher connected");
        await using var console = TestMqttClient.Create(broker.Port, "console2");
        await console.ConnectAsync();
        await console.SubscribeAsync("biv/replies/console2");
        await Task.Delay(200);

        await console.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(harness.Root + "/cmd/" + verb).WithPayload(payload).WithResponseTopic("biv/replies/console2")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        await Wait.UntilAsync(() => console.On("biv/replies/console2").Count == 1, TimeSpan.FromSeconds(30), "error reply");
        var json = JsonDocument.Parse(console.On("biv/replies/console2")[0].Payload).RootElement;
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.StartsWith(field, json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(harness.Sink.Commands);
        Assert.StartsWith(field, Assert.Single(harness.Sink.Refused).Refusal, StringComparison.Ordinal); // journaled too
        Assert.True(harness.Publisher.IsConnected);
    }

    [Fact]
    public async Task Ack_V311WithCorrelationId_RepliesOnConventionTopic()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        var options = PublisherHarness.Plain(broker.Port);
        options.ProtocolVersion = "3.1.1";
        var sink = new CollectingEventSink { Responder = c => new CommandResult(true, "acknowledged", c.AlertId, 2) };
        await using var harness = await PublisherHarness.StartAsync(options, sink: sink);
        await Wait.UntilAsync(() => harness.Publisher.IsConnected, TimeSpan.FromSeconds(30), "publisher connected");
        await using var console = TestMqttClient.Create(broker.Port, "console3", v5: false);
        await console.ConnectAsync();
        var replyTopic = harness.Root + "/cmd/ack/reply/c-42";
        await console.SubscribeAsync(replyTopic);
        await Task.Delay(200);

        await console.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(harness.Root + "/cmd/ack")
            .WithPayload(harness.Signed("ack", new() { ["alert_id"] = "01JXYZ", ["operator"] = "K. de Vries", ["correlation_id"] = "c-42" }, "second"))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        await Wait.UntilAsync(() => console.On(replyTopic).Count == 1, TimeSpan.FromSeconds(30), "3.1.1 reply");
        var json = JsonDocument.Parse(console.On(replyTopic)[0].Payload).RootElement;
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal("c-42", json.GetProperty("correlation_id").GetString());
        Assert.Equal("second", Assert.Single(sink.Commands).Command.Sender);
    }

    [Fact]
    public async Task Resync_V5_RepublishesStatusAndReplies()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        var sink = new CollectingEventSink { Responder = _ => new CommandResult(true, "resync") };
        await using var harness = await PublisherHarness.StartAsync(PublisherHarness.Plain(broker.Port), sink: sink);
        harness.Outbox.Add("alerts/active", "[]", retain: true);
        await Wait.UntilAsync(() => harness.Outbox.PendingCount == 0, TimeSpan.FromSeconds(30), "active list delivered");
        await using var console = TestMqttClient.Create(broker.Port, "console4");
        await console.ConnectAsync();
        await console.SubscribeAsync(harness.Root + "/#");
        await Wait.UntilAsync(() => console.On(harness.Root + "/alerts/active").Count == 1, TimeSpan.FromSeconds(10), "retained list");

        await console.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(harness.Root + "/cmd/resync").WithPayload(harness.Signed("resync", [])).WithResponseTopic("biv/replies/console4")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        await Wait.UntilAsync(() => console.On(harness.Root + "/alerts/active").Count == 2, TimeSpan.FromSeconds(30), "list republished");
        Assert.Equal(2, console.On(harness.Root + "/status").Count);
        Assert.Equal("[]", Encoding.UTF8.GetString(console.On(harness.Root + "/alerts/active")[1].Payload));
    }

    [Fact]
    public async Task Ack_NotDurableWhenTheGatewayStops_BrokerDeliversItAgainToTheNextSessionOnlyOnce()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        var options = PublisherHarness.Plain(broker.Port);
        options.CommandTimeoutSeconds = 1;
        CommandResult Fusion(OperatorCommand c) => new(true, "acknowledged", c.AlertId, 2);
        await using var console = TestMqttClient.Create(broker.Port, "console5");
        await console.ConnectAsync();

        // First session: fusion answers but the journal never commits (a gateway that dies before its commit).
        var first = await PublisherHarness.StartAsync(options, sink: new CollectingEventSink { Responder = Fusion, Journal = false });
        await Wait.UntilAsync(() => first.Publisher.IsConnected, TimeSpan.FromSeconds(30), "first session connected");
        await Task.Delay(200); // the gateway's SUBACK
        await console.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(first.Root + "/cmd/ack").WithPayload(first.Signed("ack", new() { ["alert_id"] = "01JREDELIVER" }))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await Wait.UntilAsync(() => first.Sink.Commands.Count == 1, TimeSpan.FromSeconds(30), "command in the first session");
        await first.DisposeAsync();

        // Second session: the broker re-sends the unacknowledged command; this time it is durable and acknowledged.
        var second = await PublisherHarness.StartAsync(options, sink: new CollectingEventSink { Responder = Fusion });
        await Wait.UntilAsync(() => second.Sink.Commands.Count == 1, TimeSpan.FromSeconds(30), "command delivered again");
        Assert.Equal("01JREDELIVER", second.Sink.Commands.Single().Command.AlertId);
        await Task.Delay(500); // the PUBACK on its way
        await second.DisposeAsync();

        // Third session: a new command arrives, and nothing before it (a redelivery would come first).
        await using var third = await PublisherHarness.StartAsync(options, sink: new CollectingEventSink { Responder = Fusion });
        await Wait.UntilAsync(() => third.Publisher.IsConnected, TimeSpan.FromSeconds(30), "third session connected");
        await console.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(third.Root + "/cmd/ack").WithPayload(third.Signed("ack", new() { ["alert_id"] = "01JNEXT" }))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await Wait.UntilAsync(() => third.Sink.Commands.Any(c => c.Command.AlertId == "01JNEXT"), TimeSpan.FromSeconds(30), "the next command");
        Assert.Equal(["01JNEXT"], third.Sink.Commands.Select(c => c.Command.AlertId));
    }

    [Fact]
    public async Task Bypass_RetainedForgedUnsignedReplayedStale_EachRefusedWithReasonAndJournaled()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        var sink = new CollectingEventSink { Responder = _ => new CommandResult(true, "bypassed") };
        await using var console = TestMqttClient.Create(broker.Port, "insider");
        await console.ConnectAsync();
        await console.SubscribeAsync("biv/replies/insider");
        var options = PublisherHarness.Plain(broker.Port);
        var root = "pi-edge/site1/gw1";
        var bypass = new Dictionary<string, string> { ["zone"] = "Z1", ["until"] = "2099-01-01T00:00:00Z", ["reason"] = "x", ["reply_to"] = "biv/replies/insider" };

        // An insider leaves a retained, validly signed bypass behind before the gateway connects.
        await console.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(root + "/cmd/bypass")
            .WithPayload(PublisherHarness.Keys.Sign(root, "bypass", bypass)).WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await using var harness = await PublisherHarness.StartAsync(options, sink: sink);
        await Wait.UntilAsync(() => sink.Refused.Count == 1, TimeSpan.FromSeconds(30), "retained bypass refused");

        var replayed = PublisherHarness.Keys.Sign(root, "bypass", bypass);
        var attempts = new[]
        {
            Encoding.UTF8.GetBytes("""{"zone":"Z1","until":"2099-01-01T00:00:00Z","reason":"x","sender":"supervisor","reply_to":"biv/replies/insider"}"""),
            PublisherHarness.Keys.Sign(root, "bypass", bypass, keyId: "second"),
            PublisherHarness.Keys.Sign(root, "bypass", bypass, DateTimeOffset.UtcNow.AddMinutes(-10)),
            replayed,
            replayed,
        };
        foreach (var payload in attempts)
        {
            await console.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(root + "/cmd/bypass").WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        await Wait.UntilAsync(() => console.On("biv/replies/insider").Count >= 6, TimeSpan.FromSeconds(30),
            () => "six replies, got: " + string.Join(" | ", console.On("biv/replies/insider").Select(m => Encoding.UTF8.GetString(m.Payload))) + " refused: " + string.Join(" | ", sink.Refused.Select(r => r.Refusal)));
        var messages = console.On("biv/replies/insider").Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        Assert.Equal([false, false, false, false, true, false], messages.Select(m => m.GetProperty("ok").GetBoolean()));
        Assert.StartsWith("retained command refused", messages[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("unsigned", messages[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("key 'second' may not use 'bypass'", messages[2].GetProperty("message").GetString());
        Assert.StartsWith("stale", messages[3].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("nonce already used", messages[5].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, sink.Refused.Count); // every refusal went to the journal
        Assert.Equal("console", Assert.Single(sink.Commands).Command.Sender);
    }

    [Fact]
    public async Task Commands_FloodOfForgeries_JournalsOnlyTheLimitAndCountsTheRest()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        var options = PublisherHarness.Plain(broker.Port);
        options.Commands.RefusalsJournaledPerMinute = 5;
        await using var harness = await PublisherHarness.StartAsync(options);
        await Wait.UntilAsync(() => harness.Publisher.IsConnected, TimeSpan.FromSeconds(30), "publisher connected");
        await using var console = TestMqttClient.Create(broker.Port, "flooder");
        await console.ConnectAsync();
        await console.SubscribeAsync("biv/replies/flooder");
        await Task.Delay(200);

        for (var i = 0; i < 40; i++)
        {
            await console.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(harness.Root + "/cmd/ack")
                .WithPayload($$"""{"alert_id":"01J{{i}}","reply_to":"biv/replies/flooder"}""").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        await Wait.UntilAsync(() => console.On("biv/replies/flooder").Count == 40, TimeSpan.FromSeconds(30), "every forgery answered");
        Assert.Equal(5, harness.Sink.Refused.Count);
    }
}
