using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using Reintegratie.Edge.Hub.Ingest;

namespace Reintegratie.Edge.Hub.Web;

/// <summary>
/// Sends a gateway command from the console: published to <c>amq.topic</c> with the routing key of
/// <c>{prefix}/{site}/{gateway}/cmd/{verb}</c>, persistent, with a publisher confirm, so RabbitMQ's MQTT plugin hands it
/// to the gateway's persistent session (queued while the gateway is away).
/// </summary>
public sealed class CommandPublisher(IOptions<HubOptions> options, RoutingKeys keys) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    /// <summary>Publishes an <c>ack</c> for the alert signed by <paramref name="signer"/>; returns the correlation id.</summary>
    public async Task<string> AcknowledgeAsync(ICommandSigner signer, string site, string gateway, string alertId, string operatorName, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var correlation = Guid.NewGuid().ToString("N");
        var fields = new Dictionary<string, string> { ["alert_id"] = alertId, ["operator"] = operatorName, ["correlation_id"] = correlation };
        if (note is not null)
        {
            fields["note"] = note;
        }

        var payload = signer.Sign($"{options.Value.Prefix}/{site}/{gateway}", "ack", fields);
        await PublishAsync(keys.For(site, gateway, "cmd/ack"), payload, ct).ConfigureAwait(false);
        return correlation;
    }

    private async Task PublishAsync(string routingKey, byte[] payload, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var channel = await ChannelAsync(ct).ConfigureAwait(false);
                    var properties = new BasicProperties { DeliveryMode = DeliveryModes.Persistent, ContentType = "application/json" };
                    await channel.BasicPublishAsync("amq.topic", routingKey, mandatory: false, properties, payload, ct).ConfigureAwait(false);
                    return;
                }
                catch (Exception ex) when (attempt < 2 && ex is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.BrokerUnreachableException
                                               or RabbitMQ.Client.Exceptions.PublishException or IOException)
                {
                    await ResetAsync().ConfigureAwait(false); // next node of Hub:Brokers
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken ct)
    {
        if (_channel is { IsOpen: true })
        {
            return _channel;
        }

        await ResetAsync().ConfigureAwait(false);
        var o = options.Value;
        var factory = new ConnectionFactory { UserName = o.BrokerUser, Password = o.BrokerPassword, VirtualHost = o.VirtualHost, AutomaticRecoveryEnabled = false };
        _connection = await factory.CreateConnectionAsync(AmqpIngestService.Endpoints(o.Brokers), "reintegratie-hub console commands", ct).ConfigureAwait(false);
        _channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct).ConfigureAwait(false);
        return _channel;
    }

    private async Task ResetAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
            _channel = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await ResetAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
