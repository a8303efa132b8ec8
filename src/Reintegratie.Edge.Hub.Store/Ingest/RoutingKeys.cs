using System.Diagnostics.CodeAnalysis;

namespace Reintegratie.Edge.Hub.Ingest;

/// <summary>
/// RabbitMQ's MQTT plugin publishes to <c>amq.topic</c> with the topic as routing key, '/' turned into '.' and '.'
/// into '/'. This maps a routing key back to the gateway's topic and gives the binding keys the hub's queues need.
/// </summary>
public sealed class RoutingKeys
{
    private readonly string[] _prefix;

    /// <summary>Creates the mapping for the gateways' MQTT prefix (e.g. <c>pi-edge</c>).</summary>
    public RoutingKeys(string mqttPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mqttPrefix);
        _prefix = mqttPrefix.Split('/').Select(ToAmqp).ToArray();
        Prefix = string.Join('.', _prefix);
    }

    /// <summary>The prefix as it appears in routing keys.</summary>
    public string Prefix { get; }

    /// <summary>Binding keys for the lifecycle queue.</summary>
    public string[] AlertBindings => [$"{Prefix}.*.*.alerts"];

    /// <summary>Binding keys for the state queue (active lists, status, sensors, bypass, zone map).</summary>
    public string[] StateBindings =>
        [$"{Prefix}.*.*.alerts.active", $"{Prefix}.*.*.status", $"{Prefix}.*.*.sensors.*", $"{Prefix}.*.*.bypass", $"{Prefix}.*.*.site"];

    /// <summary>Binding keys for the journal head queue.</summary>
    public string[] HeadBindings => [$"{Prefix}.*.*.journal.head"];

    /// <summary>The routing key a gateway topic below <c>{prefix}/{site}/{gateway}/</c> arrives with.</summary>
    public string For(string site, string gateway, string topic) =>
        string.Join('.', [Prefix, ToAmqp(site), ToAmqp(gateway), .. topic.Split('/').Select(ToAmqp)]);

    /// <summary>Parses a routing key; false with a reason for anything that is not a gateway topic the hub ingests.</summary>
    public bool TryParse(string routingKey, out TopicAddress address, [NotNullWhen(false)] out string? reason)
    {
        address = default;
        var parts = routingKey.Split('.');
        if (parts.Length < _prefix.Length + 3 || !parts.AsSpan(0, _prefix.Length).SequenceEqual(_prefix))
        {
            reason = $"routing key '{Cap(routingKey)}' is not below '{Prefix}.<site>.<gateway>'";
            return false;
        }

        var site = ToMqtt(parts[_prefix.Length]);
        var gateway = ToMqtt(parts[_prefix.Length + 1]);
        var rest = parts.AsSpan(_prefix.Length + 2);
        TopicKind? kind = rest switch
        {
            ["alerts"] => TopicKind.Alerts,
            ["alerts", "active"] => TopicKind.ActiveAlerts,
            ["status"] => TopicKind.Status,
            ["sensors", _] => TopicKind.Sensor,
            ["journal", "head"] => TopicKind.JournalHead,
            ["bypass"] => TopicKind.Bypass,
            ["site"] => TopicKind.SiteMap,
            _ => null,
        };
        if (kind is null || site.Length == 0 || gateway.Length == 0)
        {
            reason = $"routing key '{Cap(routingKey)}' is not a topic the hub ingests";
            return false;
        }

        address = new TopicAddress(site, gateway, kind.Value, kind == TopicKind.Sensor ? ToMqtt(rest[1]) : null);
        reason = null;
        return true;
    }

    private static string ToAmqp(string level) => level.Replace('.', '/');

    private static string ToMqtt(string word) => word.Replace('/', '.');

    private static string Cap(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
