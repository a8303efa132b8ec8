namespace Reintegratie.Edge.Mqtt.Outbox;

/// <summary>What the broker answered to a QoS 1 publish.</summary>
/// <param name="Acknowledged">True on a PUBACK with a success reason code (Success or NoMatchingSubscribers, MQTT 5 §3.4.2.1).</param>
/// <param name="Reason">The reason code name.</param>
internal readonly record struct PublishOutcome(bool Acknowledged, string Reason);
