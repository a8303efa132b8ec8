namespace Reintegratie.Edge.Core.Events;

/// <summary>
/// An operator command travelling through the ring as an event, so it is journaled and replayed in order.
/// The transport (MQTT, CLI) validates the payload; fusion decides and completes <see cref="Completion"/>.
/// </summary>
public sealed record OperatorCommand
{
    /// <summary>The verb.</summary>
    public required CommandVerb Verb { get; init; }

    /// <summary>
    /// Who gave it: the id of the key whose signature was verified (the journal's author and an ack's
    /// <c>acknowledged.by</c>), or <c>unsigned</c>/the claimed key id on a refused command.
    /// </summary>
    public required string Sender { get; init; }

    /// <summary>The signing key's id as claimed in the command (verified unless <see cref="Refusal"/> is set).</summary>
    public string? KeyId { get; init; }

    /// <summary>When the signer issued it.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The signer's nonce (unique per key within the freshness window).</summary>
    public string? Nonce { get; init; }

    /// <summary>
    /// Set when the transport refused the command (bad signature, unknown key, verb not allowed, stale, reused nonce,
    /// retained, invalid payload): it travels through the ring only to be journaled; fusion does nothing with it.
    /// </summary>
    public string? Refusal { get; init; }

    /// <summary>Refusals the transport did not journal since the previous journaled one (rate limit against floods).</summary>
    public long RefusalsNotJournaled { get; init; }

    /// <summary>
    /// True for a command the broker delivered again after it was applied (journal committed, PUBACK lost): answered
    /// "already applied" and journaled with <see cref="Refusal"/> set, so nothing applies it twice.
    /// </summary>
    public bool Redelivery { get; init; }

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
