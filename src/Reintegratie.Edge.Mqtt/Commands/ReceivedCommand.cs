namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>A command message as received, queued for the command loop (MQTTnet's receive handler must not block).</summary>
/// <param name="Verb">The topic's verb level.</param>
/// <param name="Payload">Payload bytes (copied).</param>
/// <param name="ResponseTopic">MQTT 5 response topic, or null.</param>
/// <param name="CorrelationData">MQTT 5 correlation data, or null.</param>
/// <param name="SenderProperty">MQTT 5 user property <c>sender</c>, or null (logged only: the signing key names the author).</param>
public sealed record ReceivedCommand(string Verb, byte[] Payload, string? ResponseTopic, byte[]? CorrelationData, string? SenderProperty)
{
    /// <summary>Sends the PUBACK for a QoS 1 command (held back until the command is durable); null when there is none to send.</summary>
    public Func<CancellationToken, Task>? Acknowledge { get; init; }

    /// <summary>True when the broker delivered it as a retained message (always refused: it would apply again on every reconnect).</summary>
    public bool Retained { get; init; }

    /// <summary>
    /// The DUP flag: the broker sent this PUBLISH before and got no PUBACK (a redelivery after a crash or a lost
    /// connection) [MQTT 3.1.1 §3.3.1.1, MQTT 5 §3.3.1.1]. Only the broker sets it on what it forwards, so a client
    /// publishing a captured command again cannot pass it off as a redelivery.
    /// </summary>
    public bool Duplicate { get; init; }
}
