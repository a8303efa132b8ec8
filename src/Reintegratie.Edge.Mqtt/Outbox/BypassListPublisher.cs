using System.Text.Json;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Mqtt.Payloads;

namespace Reintegratie.Edge.Mqtt.Outbox;

/// <summary>
/// The retained <c>…/bypass</c> list: every active bypass, derived from the <c>zone_bypassed</c> alerts of each
/// <c>alerts/active</c> list the gateway publishes. Sent when it changes and again after every (re)connect. Deriving it
/// from the journaled active set keeps one source of truth: the list can never disagree with the alerts.
/// </summary>
internal sealed class BypassListPublisher
{
    private readonly object _gate = new();
    private readonly string _topic;
    private byte[]? _latest;

    public BypassListPublisher(string topic)
    {
        _topic = topic;
    }

    /// <summary>The newest list sent (null before the first).</summary>
    public byte[]? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>The bypass list of an <c>alerts/active</c> payload; null when the payload is not a list of snapshots.</summary>
    public static byte[]? FromActive(ReadOnlySpan<byte> activeJson)
    {
        List<AlertSnapshot>? active;
        try
        {
            active = JsonSerializer.Deserialize(activeJson, AlertJson.Default.ListAlertSnapshot);
        }
        catch (JsonException)
        {
            return null;
        }

        if (active is null)
        {
            return null;
        }

        var list = new List<BypassEntryPayload>();
        foreach (var a in active)
        {
            if (a is { Kind: AlertKind.ZoneBypassed, Bypass: { } b, EndedAt: null } && a.Zones.Count > 0)
            {
                list.Add(new BypassEntryPayload(a.Zones[0], b.Until, b.AuthorisedBy, b.Reason, a.FirstSeen, a.Id));
            }
        }

        list.Sort((x, y) => string.CompareOrdinal(x.Zone, y.Zone));
        return JsonSerializer.SerializeToUtf8Bytes(list, MqttPayloadJson.Default.ListBypassEntryPayload);
    }

    /// <summary>Sends the list of <paramref name="activeJson"/> when it differs from the last one sent; null when unchanged.</summary>
    public Task<PublishOutcome>? PublishIfChanged(IPublishChannel channel, ReadOnlyMemory<byte> activeJson, CancellationToken cancellationToken)
    {
        if (FromActive(activeJson.Span) is not { } list)
        {
            return null;
        }

        lock (_gate)
        {
            if (_latest is not null && _latest.AsSpan().SequenceEqual(list))
            {
                return null;
            }

            _latest = list;
            return channel.PublishAsync(new OutgoingMessage(_topic, list, Retain: true), cancellationToken);
        }
    }

    /// <summary>
    /// After a (re)connect or on resync: sends the list of <paramref name="activeJson"/> (the newest active set known), else
    /// the last list sent; null when neither is known (an unknown state is not published as "no bypass").
    /// </summary>
    public Task<PublishOutcome>? Republish(IPublishChannel channel, ReadOnlyMemory<byte>? activeJson, CancellationToken cancellationToken)
    {
        var list = activeJson is { } json ? FromActive(json.Span) : null;
        lock (_gate)
        {
            list ??= _latest;
            if (list is null)
            {
                return null;
            }

            _latest = list;
            return channel.PublishAsync(new OutgoingMessage(_topic, list, Retain: true), cancellationToken);
        }
    }
}
