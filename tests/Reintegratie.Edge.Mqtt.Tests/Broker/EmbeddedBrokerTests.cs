using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Site;
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
        options.Embedded = true;
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
    public async Task EmbeddedBroker_V5ClientWithEmptyClientId_GetsAnAssignedId()
    {
        var port = FreePort.Next();
        await using var broker = new EmbeddedBroker(port, NullLogger.Instance);
        await broker.StartAsync(CancellationToken.None);
        await using var client = TestMqttClient.Create(port, string.Empty);

        var result = await client.ConnectAsync();

        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, result.ResultCode);
        Assert.False(string.IsNullOrEmpty(result.AssignedClientIdentifier));
    }

    [Fact]
    public async Task EmbeddedBroker_V311CleanSessionWithEmptyClientId_Accepted()
    {
        // mosquitto_sub without -i: MQTT 3.1.1, clean session, no client id; the server assigns one [MQTT-3.1.3-6].
        var (read, connack) = await ConnectV311Async(cleanSession: true);

        // CONNACK [3.2]: type 2, remaining length 2, session present 0, return code 0 (accepted).
        Assert.Equal(4, read);
        Assert.Equal(new byte[] { 0x20, 0x02, 0x00, 0x00 }, connack);
    }

    [Fact]
    public async Task EmbeddedBroker_V311PersistentSessionWithEmptyClientId_Refused()
    {
        // A persistent session needs a client id to find it again: refused [MQTT-3.1.3-8] (a CONNACK 0x02 or a close).
        var (read, connack) = await ConnectV311Async(cleanSession: false);

        Assert.True(read < 4 || connack[3] != 0x00, $"accepted: {Convert.ToHexString(connack)}");
    }

    private static async Task<(int Read, byte[] Connack)> ConnectV311Async(bool cleanSession)
    {
        var port = FreePort.Next();
        await using var broker = new EmbeddedBroker(port, NullLogger.Instance);
        await broker.StartAsync(CancellationToken.None);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();

        // CONNECT [MQTT 3.1.1, 3.1]: protocol name "MQTT", level 4, flags, keep-alive 60 s, a zero-length client id.
        byte[] connect = [0x10, 12, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, cleanSession ? (byte)0x02 : (byte)0x00, 0x00, 0x3C, 0x00, 0x00];
        await stream.WriteAsync(connect);
        var connack = new byte[4];
        var read = await stream.ReadAtLeastAsync(connack, 4, throwOnEndOfStream: false).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        return (read, connack);
    }

    [Fact]
    public async Task EmbeddedBroker_PortInUse_ThrowsConfigurationErrorNamingPort()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var broker = new EmbeddedBroker(port, NullLogger.Instance);

        var e = await Assert.ThrowsAsync<ConfigurationException>(() => broker.StartAsync(CancellationToken.None));

        Assert.Equal("Mqtt:Port", e.Key);
        Assert.Contains($"127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
        Assert.False(broker.IsRunning);
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
