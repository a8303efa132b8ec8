namespace Reintegratie.Edge.Core.Events;

/// <summary>
/// An operator command travelling through the ring as an event, so it is journaled and replayed in order.
/// The transport (MQTT, CLI) validates the payload; fusion decides and completes <see cref="Completion"/>.
/// </summary>
public sealed record OperatorCommand
{
    /// <summary>The verb.</summary>
    public required CommandVerb Verb { get; init; }

    /// <summary>Who sent it (MQTT client id / certificate identity / CLI user).</summary>
    public required string Sender { get; init; }

    /// <summary>Ack: the alert id.</summary>
    public string? AlertId { get; init; }

    /// <summary>Ack: the operator's name or badge.</summary>
    public string? Operator { get; init; }

    /// <summary>Ack: free-text note.</summary>
    public string? Note { get; init; }

    /// <summary>Bypass: zone id.</summary>
    public string? Zone { get; init; }

    /// <summary>Bypass: expiry (mandatory, at most 24 h after the command's time).</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Bypass: reason (mandatory).</summary>
    public string? Reason { get; init; }

    /// <summary>Correlation data of the request, echoed in the response.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Completed by fusion with the outcome; not journaled. Null during replay.</summary>
    public TaskCompletionSource<CommandResult>? Completion { get; init; }

    /// <summary>
    /// Completed by the journal once the command's row is durable (committed with nothing held before it), so the
    /// transport may acknowledge the command to its sender only then; not journaled. Null during replay.
    /// </summary>
    public TaskCompletionSource? Journaled { get; init; }
}
