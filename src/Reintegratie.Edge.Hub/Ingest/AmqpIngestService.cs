using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Reintegratie.Edge.Hub.Storage;

namespace Reintegratie.Edge.Hub.Ingest;

/// <summary>
/// Consumes the hub's quorum queues over AMQP 0-9-1 and commits each batch to PostgreSQL before acknowledging it
/// (one multiple-ack per batch). The queues are single-active-consumer: of several hub instances one consumes a queue
/// and the others stand by, so messages of one gateway are applied in the order the gateway published them; when the
/// active instance dies, its unacknowledged deliveries go back to the queue, in order, to the next instance. Any
/// broker or database failure closes the channel (so nothing uncommitted is acknowledged) and reconnects with backoff
/// to the next broker node in the list.
/// </summary>
public sealed partial class AmqpIngestService(
    IOptions<HubOptions> options, IngestStore store, RoutingKeys keys, IngestStats stats, ILogger<AmqpIngestService> logger) : BackgroundService
{
    private readonly HubOptions _options = options.Value;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(QueueSpec.For(_options, keys).Select(q => RunQueueAsync(q, stoppingToken)));

    private async Task RunQueueAsync(QueueSpec queue, CancellationToken ct)
    {
        var attempt = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(queue, () => attempt = 0, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException or AlreadyClosedException
                                          or NpgsqlException or IOException or TimeoutException or OperationCanceledException)
            {
                LogQueueDown(logger, queue.Name, ex.GetType().Name, ex.Message);
            }

            var cap = TimeSpan.FromSeconds(Math.Max(1, _options.ReconnectMaxSeconds));
            var backoff = TimeSpan.FromMilliseconds(Math.Min(cap.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(attempt++, 10))));
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * backoff.TotalMilliseconds), ct).ConfigureAwait(false);
        }
    }

    private async Task ConsumeAsync(QueueSpec queue, Action connected, CancellationToken ct)
    {
        var factory = new ConnectionFactory
        {
            UserName = _options.BrokerUser,
            Password = _options.BrokerPassword,
            VirtualHost = _options.VirtualHost,
            AutomaticRecoveryEnabled = false, // our loop reconnects: a recovered channel must never ack an older channel's tags
            RequestedHeartbeat = TimeSpan.FromSeconds(10),
        };
        var endpoints = Endpoints(_options.Brokers);
        await using var connection = await factory.CreateConnectionAsync(endpoints, $"reintegratie-hub {Environment.MachineName} {queue.Name}", ct).ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct).ConfigureAwait(false);
        await DeclareAsync(channel, queue, ct).ConfigureAwait(false);
        await channel.BasicQosAsync(0, (ushort)Math.Clamp(_options.Prefetch, 1, ushort.MaxValue), false, ct).ConfigureAwait(false);

        var inbox = Channel.CreateUnbounded<(IngestMessage Message, ulong Tag)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        channel.ChannelShutdownAsync += (_, args) =>
        {
            inbox.Writer.TryComplete(new IOException($"AMQP channel closed: {args.ReplyCode} {args.ReplyText}"));
            return Task.CompletedTask;
        };
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, d) =>
        {
            // The body buffer belongs to the client library only until this handler returns: copy it.
            inbox.Writer.TryWrite((new IngestMessage(d.RoutingKey, d.Body.ToArray(), d.Redelivered), d.DeliveryTag));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.Name, autoAck: false, consumer, ct).ConfigureAwait(false);
        LogConsuming(logger, queue.Name, connection.Endpoint.ToString());
        connected();

        var batch = new List<IngestMessage>(_options.Prefetch);
        while (await inbox.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            batch.Clear();
            ulong last = 0;
            while (batch.Count < _options.Prefetch && inbox.Reader.TryRead(out var item))
            {
                batch.Add(item.Message);
                last = item.Tag;
            }

            var outcomes = await store.ApplyAsync(batch, ct).ConfigureAwait(false);
            await channel.BasicAckAsync(last, multiple: true, ct).ConfigureAwait(false);
            stats.Record(outcomes);
            for (var i = 0; i < outcomes.Length; i++)
            {
                if (outcomes[i] == IngestOutcome.Rejected)
                {
                    LogRejected(logger, batch[i].RoutingKey, Convert.ToHexString(batch[i].Body.AsSpan(0, Math.Min(batch[i].Body.Length, 64))));
                }
                else if (outcomes[i] == IngestOutcome.Discontinuity)
                {
                    LogDiscontinuity(logger, batch[i].RoutingKey);
                }
            }
        }
    }

    /// <summary>Declares the quorum queue (single active consumer) and binds it to <c>amq.topic</c>; idempotent, so every instance does it.</summary>
    public static async Task DeclareAsync(IChannel channel, QueueSpec queue, CancellationToken ct)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["x-queue-type"] = "quorum",
            ["x-single-active-consumer"] = true,
        };
        await channel.QueueDeclareAsync(queue.Name, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: ct).ConfigureAwait(false);
        foreach (var key in queue.Bindings)
        {
            await channel.QueueBindAsync(queue.Name, "amq.topic", key, cancellationToken: ct).ConfigureAwait(false);
        }
    }

    /// <summary>Parses <c>host:port</c> entries (port 5672 when absent).</summary>
    public static List<AmqpTcpEndpoint> Endpoints(IEnumerable<string> brokers)
    {
        var list = new List<AmqpTcpEndpoint>();
        foreach (var broker in brokers)
        {
            var colon = broker.LastIndexOf(':');
            list.Add(colon > 0
                ? new AmqpTcpEndpoint(broker[..colon], int.Parse(broker.AsSpan(colon + 1), CultureInfo.InvariantCulture))
                : new AmqpTcpEndpoint(broker));
        }

        return list;
    }

    [LoggerMessage(EventId = 1910, Level = LogLevel.Information, Message = "Consuming {Queue} from {Endpoint}")]
    private static partial void LogConsuming(ILogger logger, string queue, string endpoint);

    [LoggerMessage(EventId = 1911, Level = LogLevel.Warning, Message = "Queue {Queue}: {Error}: {Message}; reconnecting (nothing uncommitted was acknowledged)")]
    private static partial void LogQueueDown(ILogger logger, string queue, string error, string message);

    [LoggerMessage(EventId = 1912, Level = LogLevel.Warning, Message = "Rejected message on {RoutingKey} (recorded in rejected_messages): {Hex}")]
    private static partial void LogRejected(ILogger logger, string routingKey, string hex);

    [LoggerMessage(EventId = 1913, Level = LogLevel.Critical, Message = "journal_discontinuity raised for {RoutingKey}")]
    private static partial void LogDiscontinuity(ILogger logger, string routingKey);
}
