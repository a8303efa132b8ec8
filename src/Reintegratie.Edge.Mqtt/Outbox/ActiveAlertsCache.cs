namespace Reintegratie.Edge.Mqtt.Outbox;

/// <summary>
/// The newest <c>alerts/active</c> payload the gateway published, for <c>resync</c>. Setting the value and handing the
/// message to the channel happen under one lock, so a resync can never put an older list on the wire after a newer one.
/// </summary>
internal sealed class ActiveAlertsCache
{
    private readonly object _gate = new();
    private ReadOnlyMemory<byte>? _latest;

    /// <summary>The newest payload, or null before the first.</summary>
    public ReadOnlyMemory<byte>? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>Records <paramref name="message"/> as the newest list and sends it.</summary>
    public Task<PublishOutcome> PublishNewest(IPublishChannel channel, OutgoingMessage message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _latest = message.Payload;
            return channel.PublishAsync(message, cancellationToken);
        }
    }

    /// <summary>Sends the newest list again (or <paramref name="fallback"/> when none was published yet); null when there is nothing.</summary>
    public Task<PublishOutcome>? Republish(IPublishChannel channel, string topic, Func<ReadOnlyMemory<byte>?>? fallback, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var payload = _latest ?? fallback?.Invoke();
            return payload is null ? null : channel.PublishAsync(new OutgoingMessage(topic, payload.Value, Retain: true), cancellationToken);
        }
    }
}
