using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Mqtt.Broker;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Mqtt.Tests.Broker;

public sealed class EmbeddedBrokerTests
{
    [Fact]
    public async Task EmbeddedBroker_PublisherWithEmptyHost_DeliversAndKeepsRetainedStatus()
    {
        var port = FreePort.Next();
        await using var broker = new EmbeddedBroker(port, NullLogger.Instance);
        await broker.StartAsync(CancellationToken.None);
        var options = PublisherHarness.Plain(port);
        options.Host = string.Empty;
        await using var harness = await PublisherHarness.StartAsync(options);
        harness.Outbox.Add("alerts", "{\"n\":1}");
        await Wait.UntilAsync(() => harness.Outbox.PendingCount == 0, TimeSpan.FromSeconds(30), "row delivered to the embedded broker");

        await using var late = TestMqttClient.Create(port, "biv-late");
        await late.ConnectAsync();
        await late.SubscribeAsync(harness.Root + "/status");

        await Wait.UntilAsync(() => late.On(harness.Root + "/status").Count == 1, TimeSpan.FromSeconds(10), "retained status");
        Assert.Contains("\"state\":\"online\"", late.On(harness.Root + "/status")[0].Text);
        Assert.Contains("\"insecure\":true", late.On(harness.Root + "/status")[0].Text);
    }

    [Fact]
    public async Task EmbeddedBroker_Stopped_RefusesConnections()
    {
        var port = FreePort.Next();
        var broker = new EmbeddedBroker(port, NullLogger.Instance);
        await broker.StartAsync(CancellationToken.None);
        Assert.True(broker.IsRunning);

        await broker.DisposeAsync();

        await using var client = TestMqttClient.Create(port, "nobody");
        await Assert.ThrowsAnyAsync<Exception>(client.ConnectAsync);
    }
}
