namespace Reintegratie.Edge.Mqtt.Payloads;

/// <summary>Retained <c>…/status</c>: the birth (<c>online</c>), the Last Will and the clean-shutdown message (<c>offline</c>).</summary>
/// <param name="State"><c>online</c> or <c>offline</c>.</param>
/// <param name="Version">Gateway version.</param>
/// <param name="StartedAt">Process start time.</param>
/// <param name="Insecure">True unless TLS with a pinned CA, client certificate and hostname verification.</param>
/// <param name="Site">Site topic level.</param>
/// <param name="Gateway">Gateway topic level.</param>
/// <param name="Protocol"><c>5.0</c> or <c>3.1.1</c>.</param>
/// <param name="Reason">Null when online; <c>connection_lost</c> (Last Will) or <c>shutdown</c>.</param>
/// <param name="At">When the message was made (null for the Last Will, which the broker sends later).</param>
public sealed record StatusPayload(
    string State,
    string Version,
    DateTimeOffset StartedAt,
    bool Insecure,
    string Site,
    string Gateway,
    string Protocol,
    string? Reason,
    DateTimeOffset? At);
