using System.Globalization;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>
/// The second broker implementation: the real gateway process with <c>Mqtt:ProtocolVersion</c> = 3.1.1 against
/// RabbitMQ 3.10's MQTT plugin (one private node per class), a persistent 3.1.1 subscriber (clean session false,
/// QoS 1). Fails, not skips, when rabbitmq-server is missing: `make test` installs it. docs/MQTT.md "RabbitMQ".
/// </summary>
public sealed class RabbitMqMqtt311Tests(RabbitMqNode node, ITestOutputHelper output) : IClassFixture<RabbitMqNode>
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SteadyAlertStream_EveryJournaledRevisionDeliveredInOrder_RetainedStateOnExactTopics()
    {
        PrintNode();
        using var rig = new RobustnessRig(new RigOptions { Broker = node, Site = "rabbit-stream", ProtocolVersion = "3.1.1" });
        rig.StartGateway();
        rig.StartWriting();
        Thread.Sleep(6000);
        rig.StopWriting();
        Thread.Sleep(3000); // the last incursions end after the quiet period

        var (journal, all) = rig.WaitForDelivery(s_delivery);
        var (lost, _, violation) = rig.Report("steady stream", journal, output.WriteLine);
        Assert.True(journal.Count > 0, "no alert was journaled: the rig produced nothing to check");
        Assert.True(all, $"{lost} journaled alert revisions never reached the subscriber");
        Assert.Null(violation);
        Assert.Contains("online", rig.Subscriber.Statuses);

        // A console that subscribes now gets the present state from the retained store. RabbitMQ 3.10 sends retained
        // messages only to subscriptions without wildcards, so the console names each topic. (journal/head is left out:
        // at connect the journal can still be empty, and the next head follows Mqtt:JournalHeadIntervalSeconds later.)
        await using var console = TestMqttClient.Create(node.Port, "biv-late-console", v5: false);
        await console.ConnectAsync();
        string[] retained = ["status", "alerts/active", "sensors/rf-1"];
        foreach (var topic in retained)
        {
            await console.SubscribeAsync($"{rig.Root}/{topic}");
        }

        var complete = SpinWait.SpinUntil(() => retained.All(t => console.On($"{rig.Root}/{t}").Any(m => m.Retain)), TimeSpan.FromSeconds(30));
        output.WriteLine("late subscriber got: " + string.Join(", ", console.Messages.Select(m => $"{m.Topic[(rig.Root.Length + 1)..]} (retain {m.Retain})")));
        Assert.True(complete, "a late subscriber did not get retained status, alerts/active and sensors/rf-1");
        Assert.Equal("online", State(console.On($"{rig.Root}/status")[^1]));
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(console.On($"{rig.Root}/alerts/active")[^1].Payload).RootElement.ValueKind);
        Assert.Equal("rf-1", JsonDocument.Parse(console.On($"{rig.Root}/sensors/rf-1")[^1].Payload).RootElement.GetProperty("sensor_id").GetString());
    }

    [Fact]
    public void BrokerStoppedOver10sAndRestarted_SessionKept_NothingJournaledLost()
    {
        PrintNode();
        using var rig = new RobustnessRig(new RigOptions { Broker = node, Site = "rabbit-outage", ProtocolVersion = "3.1.1" });
        rig.StartGateway();
        rig.StartWriting();
        Thread.Sleep(4000);

        node.Stop();
        Thread.Sleep(12_000); // > 10 s: detections keep coming, alerts (and broker_path_lost) wait in the outbox
        node.Start();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RabbitMQ node restart took {node.LastStart.TotalSeconds:0.0} s"));
        Thread.Sleep(4000);
        rig.StopWriting();
        Thread.Sleep(3000);

        var (journal, all) = rig.WaitForDelivery(s_delivery);
        var (lost, _, violation) = rig.Report("broker stopped 12 s", journal, output.WriteLine);
        var sessions = rig.Subscriber.SessionPresent.ToList();
        output.WriteLine("subscriber CONNACK session-present flags: " + string.Join(", ", sessions));
        Assert.True(journal.Count > 0, "no alert was journaled: the rig produced nothing to check");
        Assert.True(sessions.Count >= 2 && sessions.Skip(1).All(p => p),
            "RabbitMQ did not keep the 3.1.1 persistent session (durable queue) across the node restart: " + string.Join(", ", sessions));
        Assert.True(all, $"{lost} journaled alert revisions never reached the subscriber");
        Assert.Null(violation);
    }

    [Fact]
    public async Task GatewayKilledAndRestarted_LastWillSeenLive_NothingJournaledLost()
    {
        PrintNode();
        using var rig = new RobustnessRig(new RigOptions { Broker = node, Site = "rabbit-kill", ProtocolVersion = "3.1.1" });
        rig.StartGateway();
        rig.StartWriting();
        Thread.Sleep(4000);

        rig.GatewayProcess.Signal(9); // SIGKILL: no DISCONNECT, no shutdown status
        Assert.True(rig.GatewayProcess.WaitForExit(TimeSpan.FromSeconds(10)));
        var offline = SpinWait.SpinUntil(() => rig.Subscriber.Statuses.Contains("offline"), TimeSpan.FromSeconds(30));

        // The Last Will is retained (RabbitMQ 3.10 stores it like any retained publish): a console subscribing now
        // learns the gateway is offline.
        await using (var late = TestMqttClient.Create(node.Port, "biv-after-kill", v5: false))
        {
            await late.ConnectAsync();
            await late.SubscribeAsync(rig.Root + "/status");
            await Wait.UntilAsync(() => late.On(rig.Root + "/status").Any(m => m.Retain), TimeSpan.FromSeconds(30), "the retained status after SIGKILL");
            output.WriteLine("status a late subscriber gets after SIGKILL: " + string.Join(", ", late.On(rig.Root + "/status").Select(m => $"{State(m)} (retain {m.Retain})")));
        }

        rig.StartGateway(); // same state directory, same journal, same outbox
        Thread.Sleep(4000);
        rig.StopWriting();
        Thread.Sleep(3000);

        var (journal, all) = rig.WaitForDelivery(s_delivery);
        var (lost, _, violation) = rig.Report("gateway SIGKILL", journal, output.WriteLine);
        var statuses = rig.Subscriber.Statuses.ToList();
        output.WriteLine("status sequence: " + string.Join(" -> ", statuses));
        Assert.True(offline, "the Last Will 'offline' never reached the persistent subscriber");
        Assert.True(statuses.LastIndexOf("offline") < statuses.LastIndexOf("online"), "the gateway did not come back online after the Last Will");
        Assert.True(journal.Count > 0, "no alert was journaled: the rig produced nothing to check");
        Assert.True(all, $"{lost} journaled alert revisions never reached the subscriber");
        Assert.Null(violation);
    }

    [Fact]
    public async Task CommandOver311_ReplyOnConventionTopicAndOnReplyTo()
    {
        PrintNode();
        using var rig = new RobustnessRig(new RigOptions { Broker = node, Site = "rabbit-cmd", ProtocolVersion = "3.1.1" });
        rig.StartGateway();
        await using var requester = TestMqttClient.Create(node.Port, "biv-requester", v5: false);
        await requester.ConnectAsync();
        var conventionTopic = rig.Root + "/cmd/resync/reply/c-311";
        await requester.SubscribeAsync(conventionTopic); // subscribe to the reply topic before sending (docs/MQTT.md)
        await requester.SubscribeAsync("biv/replies/console-1");

        await requester.Client.PublishStringAsync(rig.Root + "/cmd/resync", rig.Signed("resync", new() { ["correlation_id"] = "c-311" }), MqttQualityOfServiceLevel.AtLeastOnce);
        await Wait.UntilAsync(() => requester.On(conventionTopic).Count > 0, TimeSpan.FromSeconds(30), "the resync reply on " + conventionTopic);
        var resync = JsonDocument.Parse(requester.On(conventionTopic)[0].Payload).RootElement;
        output.WriteLine("resync reply: " + resync.GetRawText());
        Assert.True(resync.GetProperty("ok").GetBoolean());
        Assert.Equal("resync", resync.GetProperty("verb").GetString());
        Assert.Equal("c-311", resync.GetProperty("correlation_id").GetString());

        await requester.Client.PublishStringAsync(rig.Root + "/cmd/ack",
            rig.Signed("ack", new() { ["alert_id"] = "no-such-alert", ["reply_to"] = "biv/replies/console-1", ["correlation_id"] = "c-ack" }),
            MqttQualityOfServiceLevel.AtLeastOnce);
        await Wait.UntilAsync(() => requester.On("biv/replies/console-1").Count > 0, TimeSpan.FromSeconds(30), "the ack reply on reply_to");
        var ack = JsonDocument.Parse(requester.On("biv/replies/console-1")[0].Payload).RootElement;
        output.WriteLine("ack reply: " + ack.GetRawText());
        Assert.False(ack.GetProperty("ok").GetBoolean()); // no such alert: refused, with a reason
        Assert.Equal("ack", ack.GetProperty("verb").GetString());
        Assert.Equal("c-ack", ack.GetProperty("correlation_id").GetString());
        Assert.True(requester.Messages.All(m => m.CorrelationData is null), "3.1.1 has no correlation data");
        Assert.False(rig.GatewayProcess.HasExited);
        rig.Report("commands", rig.JournalRevisions(), output.WriteLine);
    }

    private static string State(TestMqttClient.Received m) => JsonDocument.Parse(m.Payload).RootElement.GetProperty("state").GetString()!;

    private void PrintNode() => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{node.Name}: node {node.NodeName}, MQTT 127.0.0.1:{node.Port}, first start {node.FirstStart.TotalSeconds:0.0} s, latest start {node.LastStart.TotalSeconds:0.0} s"));
}
