namespace Reintegratie.Edge.Mqtt.Outbox;

/// <summary>
/// The outbox drain's view of an MQTT connection. Calls made one after another from one thread reach the wire in
/// call order; the returned task completes on PUBACK (or faults when the connection is lost).
/// </summary>
internal interface IPublishChannel
{
    /// <summary>Sends one QoS 1 message.</summary>
    Task<PublishOutcome> PublishAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
