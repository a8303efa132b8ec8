using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>A validated command request (payload fields of docs/schemas/cmd-*.json).</summary>
public sealed record CommandRequest
{
    /// <summary>Verb.</summary>
    public required CommandVerb Verb { get; init; }

    /// <summary>Ack: alert id.</summary>
    public string? AlertId { get; init; }

    /// <summary>Ack: operator.</summary>
    public string? Operator { get; init; }

    /// <summary>Ack: optional note.</summary>
    public string? Note { get; init; }

    /// <summary>Bypass: zone id.</summary>
    public string? Zone { get; init; }

    /// <summary>Bypass: expiry (ISO-8601 with offset).</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Bypass: reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Optional payload field <c>sender</c> (the MQTT 5 user property <c>sender</c> wins).</summary>
    public string? Sender { get; init; }

    /// <summary>Optional <c>correlation_id</c> (MQTT 3.1.1 convention).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Optional <c>reply_to</c> topic (MQTT 3.1.1 convention).</summary>
    public string? ReplyTo { get; init; }

    /// <summary>Builds the ring event's attachment.</summary>
    public OperatorCommand ToOperatorCommand(string sender, string? correlationId, TaskCompletionSource<CommandResult>? completion, TaskCompletionSource? journaled = null) => new()
    {
        Verb = Verb,
        Sender = sender,
        AlertId = AlertId,
        Operator = Operator,
        Note = Note,
        Zone = Zone,
        Until = Until,
        Reason = Reason,
        CorrelationId = correlationId,
        Completion = completion,
        Journaled = journaled,
    };
}
