using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Server;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Mqtt.Configuration;

namespace Reintegratie.Edge.Mqtt.Broker;

/// <summary>
/// The MQTT broker the gateway runs when <c>Mqtt:Embedded</c> is true: MQTTnet.Server on 127.0.0.1 (and ::1) only,
/// plaintext, persistent sessions and retained messages kept in memory (lost on restart; the outbox is the durable part).
/// </summary>
public sealed class EmbeddedBroker : IHostedService, IAsyncDisposable, IDisposable
{
    // The CONNECT packet behind ValidatingConnectionEventArgs (found by type, not by field name).
    private static readonly FieldInfo? s_connectPacket = typeof(ValidatingConnectionEventArgs)
        .GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
        .FirstOrDefault(f => f.FieldType == typeof(MqttConnectPacket));

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
        if (IsRunning)
        {
            return; // started early by the host, so that a port in use stops the start with one line (exit 78)
        }

        if (_server is { } stopped)
        {
            // Back after a (simulated) outage: the same server, so persistent sessions and their queued messages
            // survive as they do on a broker that persists them; a console misses nothing that was journaled.
            try
            {
                await stopped.StartAsync().ConfigureAwait(false);
                _logger.LogInformation("Embedded MQTT broker listening again on 127.0.0.1:{Port}, sessions kept", _port);
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                _logger.LogWarning("Embedded MQTT broker cannot restart its server ({Reason}); a new one starts without sessions", e.Message);
                stopped.Dispose();
                _server = null;
            }
        }

        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.IPv6Loopback)
            .WithDefaultEndpointPort(_port)
            .WithPersistentSessions(true)
            .WithMaxPendingMessagesPerClient(100_000)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(options);

        _server.ValidatingConnectionAsync += args =>
        {
            AssignClientIdentifier(args);
            return Task.CompletedTask;
        };
        try
        {
            await _server.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (FindSocketError(e) is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            _server.Dispose();
            _server = null;
            throw new ConfigurationException(MqttOptions.Section + ":Port",
                $"the embedded broker cannot listen on 127.0.0.1:{_port}: {FindSocketError(e) switch { SocketError.AccessDenied => "permission denied", _ => "the port is already in use (another broker or gateway?)" }}; stop that process or choose another Mqtt:Port");
        }

        _logger.LogInformation("Embedded MQTT broker listening on 127.0.0.1:{Port} (plaintext, loopback only)", _port);
    }

    /// <summary>
    /// Gives a client that connected with an empty client id one of our making, as both protocol versions allow: MQTT 5
    /// through the Assigned Client Identifier [MQTT 5.0, 3.1.3.1, 3.2.2.3.7]; MQTT 3.1.1 only with a clean session
    /// [MQTT-3.1.3-6, MQTT-3.1.3-7] (<c>mosquitto_sub</c> without <c>-i</c> sends exactly that). MQTTnet applies
    /// <see cref="ValidatingConnectionEventArgs.AssignedClientIdentifier"/> to MQTT 5 only and then rejects a 3.1.1
    /// client with "identifier rejected", so for 3.1.1 the id is set on the CONNECT packet itself.
    /// </summary>
    internal static void AssignClientIdentifier(ValidatingConnectionEventArgs args)
    {
        if (!string.IsNullOrEmpty(args.ClientId))
        {
            return;
        }

        var id = "auto-" + Guid.NewGuid().ToString("N");
        if (args.ProtocolVersion == MqttProtocolVersion.V500)
        {
            args.AssignedClientIdentifier = id;
        }
        else if (args.CleanSession == true && s_connectPacket?.GetValue(args) is MqttConnectPacket packet)
        {
            packet.ClientId = id;
        }

        // A 3.1.1 client with an empty id and a persistent session stays refused (0x02, identifier rejected) [MQTT-3.1.3-8].
    }

    private static SocketError? FindSocketError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException s)
            {
                return s.SocketErrorCode;
            }
        }

        return null;
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
