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

    /// <summary>Bypass: <c>until</c> exactly as sent (signed as text).</summary>
    public string? UntilText { get; init; }

    /// <summary>Signing key id (<c>key_id</c>).</summary>
    public string? KeyId { get; init; }

    /// <summary>When the signer issued the command (<c>issued_at</c>).</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary><c>issued_at</c> exactly as sent (signed as text).</summary>
    public string? IssuedAtText { get; init; }

    /// <summary>The signer's nonce.</summary>
    public string? Nonce { get; init; }

    /// <summary>Base64 ECDSA P-256 signature (DER, or 64-byte r||s) over <see cref="CommandCanonical"/>.</summary>
    public string? Signature { get; init; }

    /// <summary>Optional <c>correlation_id</c> (MQTT 3.1.1 convention).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Optional <c>reply_to</c> topic (MQTT 3.1.1 convention).</summary>
    public string? ReplyTo { get; init; }

    /// <summary>Builds the ring event's attachment.</summary>
    public OperatorCommand ToOperatorCommand(string sender, string? correlationId, TaskCompletionSource<CommandResult>? completion, TaskCompletionSource? journaled = null) => new()
    {
        Verb = Verb,
        Sender = sender,
        KeyId = KeyId,
        IssuedAt = IssuedAt,
        Nonce = Nonce,
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
