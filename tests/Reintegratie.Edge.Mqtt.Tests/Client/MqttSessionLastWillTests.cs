using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Mqtt.Tests.Client;

/// <summary>Last Will and birth: an abrupt connection loss leaves a retained offline status; every reconnect re-publishes online.</summary>
public sealed class MqttSessionLastWillTests
{
    [Fact]
    public async Task Publisher_ConnectionResetWithoutDisconnect_SubscriberSeesRetainedOfflineThenOnlineAgain()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var proxy = new TcpProxy(broker.Port);
        await using var harness = await PublisherHarness.StartAsync(PublisherHarness.Plain(proxy.Port));
        var status = harness.Root + "/status";
        await using var watcher = TestMqttClient.Create(broker.Port, "biv-watch");
        await watcher.ConnectAsync();
        await watcher.SubscribeAsync(status);
        await Wait.UntilAsync(() => watcher.On(status).Any(m => m.Text.Contains("\"online\"")), TimeSpan.FromSeconds(30), "online birth");

        proxy.Cut();

        await Wait.UntilAsync(() => watcher.On(status).Any(m => m.Text.Contains("\"offline\"")), TimeSpan.FromSeconds(30), "Last Will");
        await using (var late = TestMqttClient.Create(broker.Port, "biv-late"))
        {
            await late.ConnectAsync();
            await late.SubscribeAsync(status);
            await Wait.UntilAsync(() => late.On(status).Count > 0, TimeSpan.FromSeconds(10), "retained status for a late subscriber");
            var retained = late.On(status)[0];
            Assert.True(retained.Retain);
            Assert.Contains("\"state\":\"offline\"", retained.Text);
            Assert.Contains("\"reason\":\"connection_lost\"", retained.Text);
        }

        var before = watcher.On(status).Count;
        proxy.Resume();
        await Wait.UntilAsync(() => watcher.On(status).Skip(before).Any(m => m.Text.Contains("\"online\"")), TimeSpan.FromSeconds(30), "birth after reconnect");
    }

    [Fact]
    public async Task Publisher_Stopped_PublishesRetainedShutdownStatus()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        var harness = await PublisherHarness.StartAsync(PublisherHarness.Plain(broker.Port));
        var status = harness.Root + "/status";
        await Wait.UntilAsync(() => harness.Publisher.IsConnected, TimeSpan.FromSeconds(30), "connected");

        await harness.DisposeAsync();

        await using var late = TestMqttClient.Create(broker.Port, "biv-late");
        await late.ConnectAsync();
        await late.SubscribeAsync(status);
        await Wait.UntilAsync(() => late.On(status).Count > 0, TimeSpan.FromSeconds(10), "retained status");
        Assert.Contains("\"reason\":\"shutdown\"", late.On(status)[0].Text);
    }
}
