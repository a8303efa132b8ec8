using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;
using Reintegratie.Edge.Mqtt.Configuration;

namespace Reintegratie.Edge.Mqtt.Broker;

/// <summary>
/// The MQTT broker the gateway runs when <c>Mqtt:Host</c> is empty: MQTTnet.Server on 127.0.0.1 (and ::1) only,
/// plaintext, persistent sessions and retained messages kept in memory (lost on restart; the outbox is the durable part).
/// </summary>
public sealed class EmbeddedBroker : IHostedService, IAsyncDisposable, IDisposable
{
    private readonly int _port;
    private readonly ILogger _logger;
    private MqttServer? _server;

    /// <summary>Creates the broker for <c>Mqtt:Port</c> (default 1883).</summary>
    public EmbeddedBroker(IOptions<MqttOptions> options, ILogger<EmbeddedBroker> logger)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value.EffectivePort, logger)
    {
    }

    /// <summary>Creates the broker on a port.</summary>
    public EmbeddedBroker(int port, ILogger logger)
    {
        _port = port;
        _logger = logger;
    }

    /// <summary>The loopback port.</summary>
    public int Port => _port;

    /// <summary>True while running.</summary>
    public bool IsRunning => _server?.IsStarted ?? false;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.IPv6Loopback)
            .WithDefaultEndpointPort(_port)
            .WithPersistentSessions(true)
            .WithMaxPendingMessagesPerClient(100_000)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(options);
        await _server.StartAsync().ConfigureAwait(false);
        _logger.LogInformation("Embedded MQTT broker listening on 127.0.0.1:{Port} (plaintext, loopback only)", _port);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true } server)
        {
            await server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
            _logger.LogInformation("Embedded MQTT broker stopped");
        }
    }

    /// <summary>Stops and releases the broker (for containers disposed synchronously).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _server?.Dispose();
        _server = null;
    }
}
