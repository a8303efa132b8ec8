using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Mqtt.Client;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Reintegratie.Edge.Sensors.Tests.Privacy;

namespace Reintegratie.Edge.Mqtt.Tests.Client;

/// <summary>
/// A broker that cannot parse an MQTT 5 CONNECT closes the socket without a CONNACK (RabbitMQ 3.10 does exactly that:
/// "MQTT cannot parse a frame"). The retry log line must say so instead of only MQTTnet's "Error while authenticating".
/// </summary>
public sealed class MqttSessionConnectFailureTests
{
    private const string Hint = "set Mqtt:ProtocolVersion to 3.1.1";

    [Fact]
    public async Task Publisher_V5ConnectClosedWithoutConnack_LogsProtocolVersionHint()
    {
        var log = await RunAgainstClosingBrokerAsync("5.0");

        Assert.Contains(log, l => l.Contains("Connection closed", StringComparison.Ordinal) && l.Contains(Hint, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publisher_V311ConnectClosedWithoutConnack_NoProtocolVersionHint()
    {
        var log = await RunAgainstClosingBrokerAsync("3.1.1");

        Assert.DoesNotContain(log, l => l.Contains(Hint, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publisher_V5ConnectionRefused_NoProtocolVersionHint()
    {
        var options = PublisherHarness.Plain(FreePort.Next()); // nothing listens there
        var log = await RunAsync(options, () => true);

        Assert.DoesNotContain(log, l => l.Contains(Hint, StringComparison.Ordinal));
    }

    /// <summary>A real loopback listener that reads the CONNECT and closes the socket, as a broker without MQTT 5 does.</summary>
    private static async Task<IReadOnlyList<string>> RunAgainstClosingBrokerAsync(string protocol)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connects = 0;
        using var stop = new CancellationTokenSource();
        var server = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var socket = await listener.AcceptSocketAsync(stop.Token);
                var buffer = new byte[4096];
                try
                {
                    if (await socket.ReceiveAsync(buffer, stop.Token) > 0)
                    {
                        Interlocked.Increment(ref connects);
                    }
                }
                catch (SocketException)
                {
                    // The client gave up on this connect first (its timeout under load): the next one counts.
                }
            }
        });
        var options = PublisherHarness.Plain(((IPEndPoint)listener.LocalEndpoint).Port);
        options.ProtocolVersion = protocol;
        var log = await RunAsync(options, () => Volatile.Read(ref connects) >= 2);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server);
        return log;
    }

    private static async Task<IReadOnlyList<string>> RunAsync(MqttOptions options, Func<bool> done)
    {
        using var logs = new CapturingLoggerFactory();
        using var publisher = new MqttSession(Microsoft.Extensions.Options.Options.Create(options), new InMemoryOutbox(), new CollectingEventSink(),
            TimeProvider.System, logs.CreateLogger<MqttSession>());
        await publisher.StartAsync(CancellationToken.None);
        await Wait.UntilAsync(() => done() && logs.Lines.Count(l => l.Contains("retrying", StringComparison.Ordinal)) >= 2, TimeSpan.FromSeconds(30),
            "two failed connects logged");
        await publisher.StopAsync(CancellationToken.None);
        return logs.Lines;
    }
}
