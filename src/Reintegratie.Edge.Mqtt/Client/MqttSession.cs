using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Journal.Outbox;
using Reintegratie.Edge.Mqtt.Commands;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Mqtt.Events;
using Reintegratie.Edge.Mqtt.Outbox;
using Reintegratie.Edge.Mqtt.Payloads;
using Reintegratie.Edge.Mqtt.Session;
using Reintegratie.Edge.Mqtt.Sources;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Client;

/// <summary>
/// The gateway's one MQTT client session (docs/MQTT.md) and the one place that connects, reconnects and fails over: a
/// persistent session (clean start false) with a Last Will, reconnected from this loop (exponential backoff from
/// 250 ms with full jitter, capped at <c>Mqtt:ReconnectMaxSeconds</c>; never from the Disconnected event) across
/// <c>Mqtt:Host</c> and <c>Mqtt:FailoverHosts</c>. Each connected session subscribes to <c>…/cmd/#</c>, publishes the
/// retained birth and state, and then runs, all through one <see cref="MqttPublishChannel"/>: the outbox drain
/// (pipelined QoS 1 in outbox order, rows deleted on PUBACK), the live events feed (<c>Mqtt:Events</c>, best effort),
/// sensor health, the journal head and command replies. While the path is down it raises the broker-path-lost gateway event.
/// </summary>
public sealed class MqttSession : BackgroundService
{
    private static readonly TimeSpan s_reportLossesEvery = TimeSpan.FromSeconds(10);
    private readonly MqttOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MqttTopics _topics;
    private readonly StatusInfo _status;
    private readonly OutboxDrain _drain;
    private readonly StatePublisher _state;
    private readonly BrokerPathMonitor _path;
    private readonly CommandProcessor _commands;
    private readonly CommandInbox _inbox;
    private readonly Backoff _backoff;
    private readonly EventFeed? _events;
    private BrokerRotation? _brokers;
    private volatile IPublishChannel? _channel;

    /// <summary>
    /// Creates the session. Optional parts: sensor health, journal head, the active-alert list source, command history,
    /// the site (its zone map on <c>…/site</c>) and the live events' hand-off with its options (<c>Mqtt:Events</c>).
    /// </summary>
    public MqttSession(
        IOptions<MqttOptions> options,
        IOutboxReader outbox,
        IEventSink sink,
        TimeProvider time,
        ILogger<MqttSession> logger,
        SensorHealthRegistry? health = null,
        IJournalHeadSource? journalHead = null,
        IActiveAlertsSource? activeAlerts = null,
        ICommandHistorySource? commandHistory = null,
        SiteModel? site = null,
        EventHandoff? events = null,
        MqttEventsOptions? eventsOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        MqttOptionsValidator.Validate(_options);
        _time = time;
        _logger = logger;
        _backoff = new Backoff(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(_options.ReconnectMaxSeconds));
        _topics = new MqttTopics(_options.Prefix, _options.Site, _options.Gateway);
        _status = StatusInfo.From(_options, time.GetUtcNow());
        var active = new ActiveAlertsCache();
        var bypass = new BypassListPublisher(_topics.Bypass);
        _drain = new OutboxDrain(outbox, _topics, active, (uint)_options.MessageExpirySeconds, bypass: bypass);
        _state = new StatePublisher(_topics, _status, time, logger, health, journalHead, activeAlerts, active, bypass,
            site is null ? null : PayloadFormatter.SiteMap(site));
        _path = new BrokerPathMonitor(sink, TimeSpan.FromSeconds(_options.BrokerLostAfterSeconds), time.GetUtcNow());
        _inbox = new CommandInbox(_topics, logger);
        var authenticator = new CommandAuthenticator(CommandKeyRing.From(_options.Commands), _topics.Root, TimeSpan.FromSeconds(_options.Commands.MaxSkewSeconds));
        authenticator.Load(commandHistory, time.GetUtcNow());
        _commands = new CommandProcessor(_topics, new CommandDispatcher(sink, time, TimeSpan.FromSeconds(_options.CommandTimeoutSeconds)),
            authenticator, new RefusalLimiter(_options.Commands.RefusalsJournaledPerMinute, time), time, logger);
        if (events is not null)
        {
            _events = new EventFeed(events, eventsOptions ?? new MqttEventsOptions { Enabled = true }, time, logger);
        }
    }

    /// <summary>The topic tree in use.</summary>
    public MqttTopics Topics => _topics;

    /// <summary>True while connected to the broker.</summary>
    public bool IsConnected => _path.IsConnected;

    /// <summary>Outbox rows delivered (PUBACK) since start.</summary>
    public long Published => _drain.Published;

    /// <summary>Superseded <c>alerts/active</c> rows deleted without publishing.</summary>
    public long Coalesced => _drain.Coalesced;

    /// <summary>Builds the client options first, so a bad certificate or key fails start-up (exit 78), then starts the loop.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _brokers = new BrokerRotation(_options.Endpoints, e => MqttClientOptionsFactory.Create(_options, e, _topics, _status, _logger));
        if (_options.IsInsecure)
        {
            _logger.LogWarning(
                "MQTT link to {Host}:{Port} is not production grade (TLS {Tls}, client certificate {Cert}, hostname check {Verify}, AllowInsecure {Allow}); status reports insecure=true",
                _options.EffectiveHost, _options.EffectivePort, _options.Tls.Enabled, _options.Tls.HasClientCertificate, _options.Tls.VerifyHostname, _options.AllowInsecure);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += _inbox.OnMessageAsync;
        if (_events is not null)
        {
            // Only a flag (no reconnect from here: that is this loop's job): the events stage stops formatting at once.
            client.DisconnectedAsync += _ =>
            {
                _events.Pause();
                return Task.CompletedTask;
            };
        }

        var supervise = SuperviseAsync(stoppingToken);
        var commands = _inbox.ProcessAsync((command, ct) => _commands.HandleAsync(command, ResyncAsync, () => _channel, ct), stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var endpoint = _brokers!.Endpoint;
            var connected = false;
            try
            {
                var result = await client.ConnectAsync(_brokers.Options, stoppingToken).ConfigureAwait(false);
                connected = true;
                _backoff.Reset();
                await RunSessionAsync(client, result, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _logger.LogWarning("MQTT {Host}:{Port}: {Error} ({Type}){Hint}; retrying",
                    endpoint.Host, endpoint.Port, ex.Message, ex.GetType().Name, ConnectFailureHint.For(ex, _options.IsV5));
                if (!connected && _brokers.Count > 1)
                {
                    _brokers.ConnectFailed();
                    _logger.LogWarning("MQTT failover: next connect goes to {Next} (Mqtt:FailoverHosts)", _brokers.Endpoint);
                }
            }

            _channel = null;
            _path.MarkDown(_time.GetUtcNow());
            await CloseAsync(client).ConfigureAwait(false);
            try
            {
                await Task.Delay(_backoff.Next(), _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await ShutdownAsync(client).ConfigureAwait(false);
        await Task.WhenAll(supervise, commands).ConfigureAwait(false);
        _events?.ReportLosses();
    }

    private async Task RunSessionAsync(IMqttClient client, MqttClientConnectResult result, CancellationToken stoppingToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var channel = new MqttPublishChannel(client, _options.IsV5);
        _path.MarkUp(_time.GetUtcNow());
        _logger.LogInformation("MQTT connected to {Host}:{Port} as {ClientId} (session present {Present})",
            _brokers!.Endpoint.Host, _brokers.Endpoint.Port, _options.EffectiveClientId, result.IsSessionPresent);
        // The reply channel first, then the command subscription, then the birth: a retained or queued command arrives
        // at once and can be answered, and a console that sees "online" knows its commands are received.
        _channel = channel;
        await SubscribeCommandsAsync(client, stoppingToken).ConfigureAwait(false);
        await _state.PublishBirthAsync(channel, stoppingToken).ConfigureAwait(false);
        await _state.PublishSiteMapAsync(channel, stoppingToken).ConfigureAwait(false);
        await _state.PublishSensorsAsync(channel, all: true, stoppingToken).ConfigureAwait(false);
        await _state.PublishJournalHeadAsync(channel, stoppingToken).ConfigureAwait(false);
        await _state.PublishBypassAsync(channel, stoppingToken).ConfigureAwait(false);

        // The broker's Receive Maximum (§3.2.2.3.3) caps unacknowledged QoS 1 publishes of the whole connection;
        // exceeding it is a protocol error. The events feed takes at most half of it, the outbox the rest.
        var receiveMaximum = result.ReceiveMaximum is > 0 ? result.ReceiveMaximum.Value : ushort.MaxValue;
        var eventsInFlight = _events?.InFlightFor(receiveMaximum) ?? 0;
        var maxInFlight = Math.Max(1, Math.Min(_options.MaxInFlight, receiveMaximum - eventsInFlight));
        var events = _events?.RunAsync(channel, eventsInFlight, session.Token, stoppingToken) ?? Task.CompletedTask;
        var drain = _drain.RunAsync(channel, maxInFlight, session.Token);
        var maintain = MaintainAsync(client, channel, session.Token);
        var first = await Task.WhenAny(drain, maintain).ConfigureAwait(false);
        await session.CancelAsync().ConfigureAwait(false);
        await events.ConfigureAwait(false); // never faults: a lost event is counted, not a session failure
        try
        {
            await Task.WhenAll(drain, maintain).ConfigureAwait(false);
        }
        catch (Exception) when (!first.IsFaulted)
        {
            // Cancellation of the other task after the first ended.
        }
        catch (Exception)
        {
            // The first task's fault is rethrown below.
        }

        await first.ConfigureAwait(false);
    }

    private async Task SubscribeCommandsAsync(IMqttClient client, CancellationToken ct)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(_topics.CommandFilter)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithNoLocal(_options.IsV5)) // MQTT 5 §3.8.3.1: do not echo our own replies back to us
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), _time);
        var result = await client.SubscribeAsync(subscribe, timeout.Token).WaitAsync(ct).ConfigureAwait(false);
        foreach (var item in result.Items)
        {
            if ((int)item.ResultCode > 2)
            {
                _logger.LogWarning("Broker refused the command subscription {Filter}: {Code} (check the broker ACL)", _topics.CommandFilter, item.ResultCode);
            }
        }
    }

    private async Task MaintainAsync(IMqttClient client, IPublishChannel channel, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        var nextPing = _time.GetUtcNow().AddSeconds(_options.KeepAliveSeconds);
        var nextHead = _time.GetUtcNow().AddSeconds(_options.JournalHeadIntervalSeconds);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            var now = _time.GetUtcNow();
            if (!client.IsConnected)
            {
                throw new IOException("MQTT connection closed");
            }

            if (now >= nextPing)
            {
                nextPing = now.AddSeconds(_options.KeepAliveSeconds);
                using var pingTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), _time);
                if (!await client.TryPingAsync(pingTimeout.Token).WaitAsync(ct).ConfigureAwait(false))
                {
                    throw new IOException("MQTT ping failed");
                }
            }

            if (_state.SensorsChanged)
            {
                await _state.PublishSensorsAsync(channel, all: false, ct).ConfigureAwait(false);
            }

            if (now >= nextHead)
            {
                nextHead = now.AddSeconds(_options.JournalHeadIntervalSeconds);
                await _state.PublishJournalHeadAsync(channel, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task SuperviseAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        try
        {
            var nextReport = _time.GetUtcNow() + s_reportLossesEvery;
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var now = _time.GetUtcNow();
                _path.Evaluate(now);
                if (_events is not null && now >= nextReport)
                {
                    nextReport = now + s_reportLossesEvery;
                    _events.ReportLosses();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private Task ResyncAsync(CancellationToken ct) => _channel is { } channel ? _state.RepublishAllAsync(channel, ct) : Task.CompletedTask;

    private async Task ShutdownAsync(IMqttClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3), _time);
        try
        {
            var channel = new MqttPublishChannel(client, _options.IsV5);
            await _state.PublishJournalHeadAsync(channel, timeout.Token).ConfigureAwait(false);
            await _state.PublishShutdownAsync(channel, timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning("MQTT clean shutdown incomplete: {Error}", ex.Message);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _state.Dispose();
        _events?.Dispose();
        base.Dispose();
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
            _logger.LogDebug("MQTT disconnect after a failed session: {Error}", ex.Message);
        }
    }
}
