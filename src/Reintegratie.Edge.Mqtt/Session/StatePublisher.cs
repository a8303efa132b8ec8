using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Mqtt.Outbox;
using Reintegratie.Edge.Mqtt.Payloads;
using Reintegratie.Edge.Mqtt.Sources;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Session;

/// <summary>
/// Publishes the retained state that is not in the outbox: status, the zone map and sensor health (on a registry version
/// change, and all of it after every reconnect), the journal head, the bypass list after every reconnect, and for
/// <c>resync</c> the newest active-alert list.
/// </summary>
internal sealed class StatePublisher : IDisposable
{
    private readonly MqttTopics _topics;
    private readonly StatusInfo _status;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SensorHealthRegistry? _health;
    private readonly IJournalHeadSource? _journalHead;
    private readonly IActiveAlertsSource? _activeSource;
    private readonly ActiveAlertsCache _activeCache;
    private readonly BypassListPublisher? _bypass;
    private readonly byte[]? _siteMap;
    private readonly SemaphoreSlim _sensorGate = new(1, 1);
    private readonly Dictionary<string, (SensorStatus Status, string Reason, DateTimeOffset Since)> _publishedSensors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _badSensorIds = new(StringComparer.Ordinal);
    private long _sensorVersion = -1;

    public StatePublisher(MqttTopics topics, StatusInfo status, TimeProvider time, ILogger logger, SensorHealthRegistry? health,
        IJournalHeadSource? journalHead, IActiveAlertsSource? activeSource, ActiveAlertsCache activeCache, BypassListPublisher? bypass = null,
        byte[]? siteMap = null)
    {
        _bypass = bypass;
        _siteMap = siteMap;
        _topics = topics;
        _status = status;
        _time = time;
        _logger = logger;
        _health = health;
        _journalHead = journalHead;
        _activeSource = activeSource;
        _activeCache = activeCache;
    }

    public void Dispose() => _sensorGate.Dispose();

    /// <summary>True when the registry changed since the last sensor publication.</summary>
    public bool SensorsChanged => _health is not null && _health.Version != Interlocked.Read(ref _sensorVersion);

    public Task PublishBirthAsync(IPublishChannel channel, CancellationToken ct) =>
        SendAsync(channel, new OutgoingMessage(_topics.Status, PayloadFormatter.Online(_status, _time.GetUtcNow()), Retain: true), ct);

    /// <summary>The retained zone map (after every (re)connect and on resync); nothing when the host gave no site.</summary>
    public Task PublishSiteMapAsync(IPublishChannel channel, CancellationToken ct) =>
        _siteMap is null ? Task.CompletedTask : SendAsync(channel, new OutgoingMessage(_topics.SiteMap, _siteMap, Retain: true), ct);

    public Task PublishShutdownAsync(IPublishChannel channel, CancellationToken ct) =>
        SendAsync(channel, new OutgoingMessage(_topics.Status, PayloadFormatter.Shutdown(_status, _time.GetUtcNow()), Retain: true), ct);

    public async Task PublishJournalHeadAsync(IPublishChannel channel, CancellationToken ct)
    {
        if (_journalHead?.GetHead() is not { } head)
        {
            return;
        }

        var payload = PayloadFormatter.JournalHead(head.Seq, head.Hash, _time.GetUtcNow());
        await SendAsync(channel, new OutgoingMessage(_topics.JournalHead, payload, Retain: true), ct).ConfigureAwait(false);
    }

    /// <summary>The retained bypass list again (after a (re)connect and on resync), from the newest active set known.</summary>
    public async Task PublishBypassAsync(IPublishChannel channel, CancellationToken ct)
    {
        var active = _activeCache.Latest ?? _activeSource?.GetActiveAlertsPayload();
        if (_bypass?.Republish(channel, active, ct) is { } sent)
        {
            Check(await sent.ConfigureAwait(false), _topics.Bypass);
        }
    }

    /// <summary>Publishes changed sensors (all of them when <paramref name="all"/>).</summary>
    public async Task PublishSensorsAsync(IPublishChannel channel, bool all, CancellationToken ct)
    {
        if (_health is null)
        {
            return;
        }

        await _sensorGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var version = _health.Version; // read before the snapshot: a later change is caught next time
            var pending = new List<Task>();
            foreach (var sensor in _health.Snapshot())
            {
                var key = (sensor.Status, sensor.Reason, sensor.Since);
                if (!all && _publishedSensors.TryGetValue(sensor.SensorId, out var last) && last == key)
                {
                    continue;
                }

                if (!_topics.TrySensor(sensor.SensorId, out var topic, out var reason))
                {
                    if (_badSensorIds.Add(sensor.SensorId))
                    {
                        _logger.LogWarning("Sensor id {SensorId} cannot be a topic level ({Reason}); its health is not published", sensor.SensorId, reason);
                    }

                    continue;
                }

                pending.Add(SendAsync(channel, new OutgoingMessage(topic, PayloadFormatter.SensorHealth(sensor), Retain: true), ct));
                _publishedSensors[sensor.SensorId] = key;
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
            Interlocked.Exchange(ref _sensorVersion, version); // read by the maintenance loop
        }
        finally
        {
            _sensorGate.Release();
        }
    }

    /// <summary><c>resync</c>: status, the zone map, every sensor, the active-alert list and the journal head again.</summary>
    public async Task RepublishAllAsync(IPublishChannel channel, CancellationToken ct)
    {
        await PublishBirthAsync(channel, ct).ConfigureAwait(false);
        await PublishSiteMapAsync(channel, ct).ConfigureAwait(false);
        await PublishSensorsAsync(channel, all: true, ct).ConfigureAwait(false);
        var active = _activeCache.Republish(channel, _topics.AlertsActive, _activeSource is null ? null : _activeSource.GetActiveAlertsPayload, ct);
        if (active is not null)
        {
            Check(await active.ConfigureAwait(false), _topics.AlertsActive);
        }

        await PublishBypassAsync(channel, ct).ConfigureAwait(false);
        await PublishJournalHeadAsync(channel, ct).ConfigureAwait(false);
    }

    /// <summary>Sends one message and logs a refusal (an exception means the connection is gone and ends the session).</summary>
    public async Task SendAsync(IPublishChannel channel, OutgoingMessage message, CancellationToken ct) =>
        Check(await channel.PublishAsync(message, ct).ConfigureAwait(false), message.Topic);

    private void Check(PublishOutcome outcome, string topic)
    {
        if (!outcome.Acknowledged)
        {
            _logger.LogWarning("Broker refused the publish on {Topic}: {Reason} (check the broker ACL)", topic, outcome.Reason);
        }
    }
}
