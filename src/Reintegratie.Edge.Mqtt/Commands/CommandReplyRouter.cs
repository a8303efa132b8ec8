using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>
/// Chooses the reply topic (docs/MQTT.md, "Commands"): the MQTT 5 response topic (correlation data echoed), else the
/// payload's <c>reply_to</c>, else <c>{root}/cmd/{verb}/reply/{correlation_id}</c>. No route when none is given.
/// </summary>
public static class CommandReplyRouter
{
    /// <summary>Resolves the route; false with a reason when there is nowhere (allowed) to reply.</summary>
    public static bool TryResolve(
        MqttTopics topics,
        string verb,
        string? responseTopic,
        byte[]? correlationData,
        string? replyTo,
        string? correlationId,
        out CommandReplyRoute? route,
        out string reason)
    {
        ArgumentNullException.ThrowIfNull(topics);
        route = null;
        if (!string.IsNullOrEmpty(responseTopic))
        {
            if (!topics.IsAllowedReplyTopic(responseTopic, out reason))
            {
                reason = "response topic " + reason;
                return false;
            }

            route = new CommandReplyRoute(responseTopic, correlationData);
            return true;
        }

        if (!string.IsNullOrEmpty(replyTo))
        {
            if (!topics.IsAllowedReplyTopic(replyTo, out reason))
            {
                reason = "reply_to " + reason;
                return false;
            }

            route = new CommandReplyRoute(replyTo, null);
            return true;
        }

        if (!string.IsNullOrEmpty(correlationId))
        {
            if (!TopicNames.IsValidLevel(correlationId, out reason) || !TopicNames.IsValidLevel(verb, out reason))
            {
                reason = "correlation_id " + reason;
                return false;
            }

            route = new CommandReplyRoute(topics.CommandReply(verb, correlationId), null);
            return true;
        }

        reason = "no response topic, reply_to or correlation_id: nowhere to reply";
        return false;
    }
}
