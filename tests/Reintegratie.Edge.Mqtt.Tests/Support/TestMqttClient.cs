using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Reintegratie.Edge.Mqtt.Tests.Support;

/// <summary>A test-side MQTT client (subscriber / command requester) that records every message it receives.</summary>
public sealed class TestMqttClient : IAsyncDisposable
{
    private readonly MqttClientOptions _options;

    private TestMqttClient(MqttClientOptions options)
    {
        _options = options;
        Client = new MqttClientFactory().CreateMqttClient();
        Client.ApplicationMessageReceivedAsync += e =>
        {
            Messages.Enqueue(new Received(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain, e.ApplicationMessage.CorrelationData));
            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }

    public ConcurrentQueue<Received> Messages { get; } = new();

    /// <summary>Options for a client; persistent session when <paramref name="persistent"/>; TLS when <paramref name="caFile"/> is set.</summary>
    public static TestMqttClient Create(int port, string clientId, bool persistent = false, bool v5 = true, string host = "127.0.0.1",
        string? caFile = null, X509Certificate2? clientCertificate = null)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithProtocolVersion(v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            .WithCleanStart(!persistent);
        if (persistent && v5)
        {
            builder.WithSessionExpiryInterval(3600);
        }

        if (caFile is not null)
        {
            var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
            builder.WithTlsOptions(t =>
            {
                t.UseTls().WithTargetHost(host).WithTrustChain([ca]);
                t.WithCertificateValidationHandler(args =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build((X509Certificate2)args.Certificate);
                });
                if (clientCertificate is not null)
                {
                    t.WithClientCertificates([clientCertificate]);
                }
            });
        }

        var options = builder.Build();

        // MQTTnet sets SO_RCVBUF to BufferSize (8 KiB by default), which turns off Linux's receive-window autotuning: a
        // subscriber that falls behind then gets one segment per TCP persist-timer expiry (~200 ms) and a 20,000-message
        // drain cannot finish in time on a loaded machine.
        ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = 1 << 20;
        return new TestMqttClient(options);
    }

    public Task<MqttClientConnectResult> ConnectAsync() => Client.ConnectAsync(_options, CancellationToken.None);

    /// <summary>Connects, retrying for up to <paramref name="timeout"/> (the broker may be restarting).</summary>
    public async Task ConnectWithRetryAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await ConnectAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    public async Task SubscribeAsync(string filter)
    {
        var result = await Client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        var code = result.Items.Single().ResultCode;
        if ((int)code > 2)
        {
            throw new InvalidOperationException($"subscription to {filter} refused: {code}");
        }
    }

    public IReadOnlyList<Received> On(string topic) => Messages.Where(m => m.Topic == topic).ToList();

    public async ValueTask DisposeAsync()
    {
        if (Client.IsConnected)
        {
            await Client.DisconnectAsync(new MqttClientDisconnectOptions());
        }

        Client.Dispose();
    }

    public sealed record Received(string Topic, byte[] Payload, bool Retain, byte[]? CorrelationData)
    {
        public string Text => Encoding.UTF8.GetString(Payload);
    }
}
