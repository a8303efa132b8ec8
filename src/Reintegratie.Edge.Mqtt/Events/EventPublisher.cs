using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Mqtt.Client;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Mqtt.Payloads;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Events;

/// <summary>
/// Publishes the <see cref="EventHandoff"/> on <c>…/events/{kind}</c>: QoS 1, pipelined (at most
/// <see cref="MqttEventsOptions.MaxInFlight"/> unacknowledged), no outbox. It has its own MQTT connection, client id
/// <c>{ClientId}-events</c>, clean start and no Last Will, so an event burst never queues in front of an alert on the
/// outbox publisher's connection and never touches its session or its retained status. While the connection is down,
/// events are dropped and counted (<see cref="EventHandoff.DroppedDisconnected"/>); reconnects come from this loop with
/// exponential backoff and full jitter, never from the Disconnected event.
/// </summary>
public sealed partial class EventPublisher : BackgroundService
{
    private static readonly TimeSpan s_reportEvery = TimeSpan.FromSeconds(10);
    private readonly MqttOptions _options;
    private readonly MqttEventsOptions _events;
    private readonly EventHandoff _queue;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MqttTopics _topics;
    private readonly Backoff _backoff = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30));
    private readonly SemaphoreSlim _inFlight;
    private BrokerRotation? _brokers;

    /// <summary>Creates the publisher.</summary>
    public EventPublisher(IOptions<MqttOptions> options, MqttEventsOptions events, EventHandoff queue, TimeProvider time, ILogger<EventPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(queue);
        _options = options.Value;
        MqttOptionsValidator.Validate(_options);
        events.Validate();
        _events = events;
        _queue = queue;
        _time = time;
        _logger = logger;
        _topics = new MqttTopics(_options.Prefix, _options.Site, _options.Gateway);
        _inFlight = new SemaphoreSlim(events.MaxInFlight, events.MaxInFlight);
    }

    /// <summary>The client id of the events connection.</summary>
    public string ClientId => _options.EffectiveClientId + "-events";

    /// <summary>Builds the client options first (a bad certificate fails start-up), then starts the loop.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Same broker, TLS and keep-alive as the outbox publisher; without its Last Will and persistent session.
        _brokers = new BrokerRotation(_options.Endpoints, e =>
        {
            var o = MqttClientOptionsFactory.Create(_options, e, _topics, StatusInfo.From(_options, _time.GetUtcNow()), _logger);
            o.ClientId = ClientId;
            o.WillTopic = null;
            o.WillPayload = null;
            o.WillRetain = false;
            o.CleanSession = true; // MQTT 5 Clean Start (§3.1.2.4): a missed event is not worth a broker-side queue
            o.SessionExpiryInterval = 0;
            return o;
        });
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        client.DisconnectedAsync += _ =>
        {
            _queue.SetConnected(false); // only a flag: the loop below notices and reconnects
            return Task.CompletedTask;
        };
        var send = SendAsync(client, stoppingToken);
        _queue.SetDirect(m => TryPublishDirect(client, m, stoppingToken));
        var nextReport = _time.GetUtcNow() + s_reportEvery;
        long reportedLost = 0;
        var connecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    connecting = true;
                    await client.ConnectAsync(_brokers!.Options, stoppingToken).ConfigureAwait(false);
                    connecting = false;
                    _backoff.Reset();
                    _queue.SetConnected(true);
                    LogConnected(_logger, _brokers.Endpoint.Host, _brokers.Endpoint.Port, ClientId);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), _time, stoppingToken).ConfigureAwait(false);
                if (_time.GetUtcNow() >= nextReport)
                {
                    nextReport = _time.GetUtcNow() + s_reportEvery;
                    reportedLost = ReportLosses(reportedLost);
                }

                continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _queue.SetConnected(false);
                LogConnectFailed(_logger, _brokers!.Endpoint.Host, _brokers.Endpoint.Port, ex.Message);
                if (connecting)
                {
                    _brokers.ConnectFailed();
                    connecting = false;
                }
            }

            try
            {
                await Task.Delay(_backoff.Next(), _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _queue.SetConnected(false);
        _queue.SetDirect(null);
        _queue.Complete();
        await send.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // Give publishes already on the wire a moment for their PUBACK before the connection closes.
        var deadline = _time.GetUtcNow().AddSeconds(2);
        while (_inFlight.CurrentCount < _events.MaxInFlight && client.IsConnected && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), _time, CancellationToken.None).ConfigureAwait(false);
        }

        ReportLosses(reportedLost);
        await CloseAsync(client).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _inFlight.Dispose();
        base.Dispose();
    }

    private async Task SendAsync(IMqttClient client, CancellationToken ct)
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (!_queue.IsAccepting)
                {
                    _queue.CountDisconnected(); // queued before the link went down: dropped, not delayed
                    _queue.Dequeued();
                    continue;
                }

                await _inFlight.WaitAsync(ct).ConfigureAwait(false);
                _ = PublishAsync(client, message, ct);
                _queue.Dequeued(); // after the client has it: a direct publish may follow without overtaking it
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// The direct path, on the events stage thread: starts the publish when an in-flight slot is free, never waits.
    /// MQTTnet's PublishAsync runs synchronously only up to its socket write, which does not block (a full socket buffer
    /// completes asynchronously), then returns; the PUBACK is awaited off this thread.
    /// </summary>
    private bool TryPublishDirect(IMqttClient client, EventMessage message, CancellationToken ct)
    {
        try
        {
            if (!_inFlight.Wait(0, CancellationToken.None))
            {
                return false;
            }
        }
        catch (ObjectDisposedException)
        {
            return false; // stopping: the queue path counts it
        }

        _ = PublishAsync(client, message, ct);
        return true;
    }

    private async Task PublishAsync(IMqttClient client, EventMessage message, CancellationToken ct)
    {
        try
        {
            var m = new MqttApplicationMessage
            {
                Topic = message.Topic,
                Payload = new ReadOnlySequence<byte>(message.Payload),
                QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            };
            if (_options.IsV5)
            {
                // Message expiry and payload format are MQTT 5 properties (§3.3.2.3); 3.1.1 has none.
                m.MessageExpiryInterval = (uint)_events.MessageExpirySeconds;
                m.PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData;
                m.ContentType = "application/json";
            }

            var result = await client.PublishAsync(m, ct).ConfigureAwait(false);

            // §3.4.2.1: 0x10 "No matching subscribers" still means the broker accepted the message.
            if (result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                _queue.CountPublished();
            }
            else
            {
                _queue.CountFailed();
            }
        }
        catch (Exception)
        {
            // Connection lost in flight or shutting down: the event is lost, which events may be; counted.
            _queue.CountFailed();
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private long ReportLosses(long reported)
    {
        var lost = _queue.Lost;
        if (lost > reported)
        {
            LogLost(_logger, lost - reported, _queue.DroppedDisconnected, _queue.DroppedFull, _queue.Failed);
        }

        return lost;
    }

    private async Task CloseAsync(IMqttClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogCloseFailed(_logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 350, Level = LogLevel.Information, Message = "MQTT events connection to {Host}:{Port} as {ClientId}")]
    private static partial void LogConnected(ILogger logger, string host, int port, string clientId);

    [LoggerMessage(EventId = 351, Level = LogLevel.Warning, Message = "MQTT events connection to {Host}:{Port}: {Error}; events are dropped until it is back")]
    private static partial void LogConnectFailed(ILogger logger, string host, int port, string error);

    [LoggerMessage(EventId = 352, Level = LogLevel.Warning, Message = "Events not delivered: {New} more; totals: {Disconnected} broker unreachable, {Full} queue full, {Failed} unacknowledged")]
    private static partial void LogLost(ILogger logger, long @new, long disconnected, long full, long failed);

    [LoggerMessage(EventId = 353, Level = LogLevel.Debug, Message = "MQTT events disconnect: {Error}")]
    private static partial void LogCloseFailed(ILogger logger, string error);
}
