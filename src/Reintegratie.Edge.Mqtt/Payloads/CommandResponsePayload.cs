namespace Reintegratie.Edge.Mqtt.Payloads;

/// <summary>Reply to a command (MQTT 5 response topic, or the 3.1.1 reply topic).</summary>
/// <param name="Ok">True when the command took effect.</param>
/// <param name="Message">Outcome, or the reason for refusal (names the invalid field).</param>
/// <param name="AlertId">The alert affected, if any.</param>
/// <param name="Revision">The alert's revision after the command, if any.</param>
/// <param name="Verb">The verb as received.</param>
/// <param name="CorrelationId">The request's correlation id (3.1.1 convention), if any.</param>
public sealed record CommandResponsePayload(bool Ok, string Message, string? AlertId, int? Revision, string Verb, string? CorrelationId);
