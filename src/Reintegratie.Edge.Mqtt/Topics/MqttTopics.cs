using Reintegratie.Edge.Core.Topics;

namespace Reintegratie.Edge.Mqtt.Topics;

/// <summary>
/// The gateway's topic tree (docs/MQTT.md): root <c>{prefix}/{site}/{gateway}</c> and the topics below it.
/// Pure string building, no I/O.
/// </summary>
public sealed class MqttTopics
{
    /// <summary>Relative topic of alert lifecycle messages (outbox rows).</summary>
    public const string AlertsRelative = GatewayTopics.Alerts;

    /// <summary>Relative topic of the retained active-alert list (outbox rows).</summary>
    public const string AlertsActiveRelative = GatewayTopics.AlertsActive;

    /// <summary>Relative topic of the retained list of active bypasses.</summary>
    public const string BypassRelative = GatewayTopics.Bypass;

    private readonly string _commandPrefix;

    /// <summary>Creates the tree; the parts must be valid (see <see cref="TopicNames"/>).</summary>
    public MqttTopics(string prefix, string site, string gateway)
    {
        if (!TopicNames.IsValidName(prefix, out var reason) || !TopicNames.IsValidLevel(site, out reason)
            || !TopicNames.IsValidLevel(gateway, out reason))
        {
            throw new ArgumentException($"Invalid topic root: {reason}", nameof(prefix));
        }

        Root = $"{prefix}/{site}/{gateway}";
        _commandPrefix = Root + "/cmd/";
    }

    /// <summary><c>{prefix}/{site}/{gateway}</c>.</summary>
    public string Root { get; }

    /// <summary>Retained birth / Last Will.</summary>
    public string Status => Root + "/status";

    /// <summary>Alert lifecycle messages.</summary>
    public string Alerts => Root + "/" + AlertsRelative;

    /// <summary>Retained list of active alerts.</summary>
    public string AlertsActive => Root + "/" + AlertsActiveRelative;

    /// <summary>Retained list of every active bypass (<c>[]</c> when none).</summary>
    public string Bypass => Root + "/" + BypassRelative;

    /// <summary>Retained zone map from the site configuration (docs/schemas/site.json).</summary>
    public string SiteMap => Root + "/site";

    /// <summary>Retained journal head.</summary>
    public string JournalHead => Root + "/journal/head";

    /// <summary>The filter the gateway subscribes to for commands.</summary>
    public string CommandFilter => Root + "/cmd/#";

    /// <summary>A topic relative to the root (an outbox row's topic).</summary>
    public string Relative(string relative) => Root + "/" + relative;

    /// <summary>Retained health of one sensor; false when the sensor id is not a valid topic level.</summary>
    public bool TrySensor(string sensorId, out string topic, out string reason)
    {
        if (!TopicNames.IsValidLevel(sensorId, out reason))
        {
            topic = string.Empty;
            return false;
        }

        topic = Root + "/sensors/" + sensorId;
        return true;
    }

    /// <summary>
    /// The verb of a command topic <c>{root}/cmd/{verb}</c>. False for anything else, including the 3.1.1 reply topics
    /// <c>{root}/cmd/{verb}/reply/...</c> the gateway itself publishes (they match its own <c>cmd/#</c> subscription).
    /// </summary>
    public bool TryGetCommandVerb(string topic, out string verb)
    {
        verb = string.Empty;
        if (topic is null || !topic.StartsWith(_commandPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic[_commandPrefix.Length..];
        if (rest.Length == 0 || rest.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        verb = rest;
        return true;
    }

    /// <summary>Default reply topic for requests without an MQTT 5 response topic: <c>{root}/cmd/{verb}/reply/{correlation_id}</c>.</summary>
    public string CommandReply(string verb, string correlationId) => $"{_commandPrefix}{verb}/reply/{correlationId}";

    /// <summary>
    /// True when a requester-chosen reply topic may be published to: a valid topic name that is either outside the
    /// gateway's tree or a reply topic below <c>{root}/cmd/</c>; a requester cannot make the gateway write its own
    /// status, alerts or sensor topics.
    /// </summary>
    public bool IsAllowedReplyTopic(string topic, out string reason)
    {
        if (!TopicNames.IsValidName(topic, out reason))
        {
            return false;
        }

        if ((topic == Root || topic.StartsWith(Root + "/", StringComparison.Ordinal))
            && !(topic.StartsWith(_commandPrefix, StringComparison.Ordinal) && topic.Contains("/reply", StringComparison.Ordinal)))
        {
            reason = $"'{topic}' is inside the gateway's own topic tree";
            return false;
        }

        return true;
    }
}
