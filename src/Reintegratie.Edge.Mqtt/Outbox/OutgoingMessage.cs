namespace Reintegratie.Edge.Mqtt.Outbox;

/// <summary>One QoS 1 publish (a struct: the event feed sends one per event and must not allocate for it).</summary>
/// <param name="Topic">Full topic.</param>
/// <param name="Payload">UTF-8 JSON.</param>
/// <param name="Retain">Retain flag.</param>
/// <param name="ExpirySeconds">MQTT 5 message expiry (0 = none; ignored on 3.1.1).</param>
/// <param name="CorrelationData">MQTT 5 correlation data (replies), or null.</param>
internal readonly record struct OutgoingMessage(string Topic, ReadOnlyMemory<byte> Payload, bool Retain, uint ExpirySeconds = 0, byte[]? CorrelationData = null);
