using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Mqtt.Client;
using Reintegratie.Edge.Mqtt.Outbox;

namespace Reintegratie.Edge.Mqtt.Events;

/// <summary>
/// Publishes the <see cref="EventHandoff"/> on <c>…/events/{kind}</c> through the session's
/// <see cref="MqttPublishChannel"/>: QoS 1, pipelined, no outbox. It has no connection of its own: the
/// <see cref="MqttSession"/> runs it for each connected session, and while there is none the hand-off refuses events
/// (dropped and counted, <see cref="EventHandoff.DroppedDisconnected"/>). A failed event publish is counted and never
/// ends the session: events are best-effort, alerts travel through the outbox.
/// </summary>
internal sealed partial class EventFeed : IDisposable
{
    private static readonly TimeSpan s_acknowledgeOnStop = TimeSpan.FromSeconds(2);
    private readonly EventHandoff _queue;
    private readonly uint _expirySeconds;
    private readonly int _maxInFlight;
    private readonly SemaphoreSlim _inFlight;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _reportedLost;
    private long _reportedWaits;

    public EventFeed(EventHandoff queue, MqttEventsOptions options, TimeProvider time, ILogger logger)
    {
        options.Validate();
        _queue = queue;
        _expirySeconds = (uint)options.MessageExpirySeconds;
        _maxInFlight = options.MaxInFlight;
        _inFlight = new SemaphoreSlim(_maxInFlight, _maxInFlight);
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// This feed's share of the broker's Receive Maximum (§3.2.2.3.3, which caps every unacknowledged QoS 1 publish of
    /// the connection): at most half, so the outbox always keeps the other half.
    /// </summary>
    public int InFlightFor(int receiveMaximum) => Math.Clamp(receiveMaximum / 2, 1, _maxInFlight);

    /// <summary>
    /// Runs for one connected session: opens the hand-off, publishes until <paramref name="session"/> ends, then closes
    /// it and drops (counts) what is still queued. When the gateway is stopping (<paramref name="stopping"/>), waits up to
    /// 2 s for the PUBACKs of what is already on the wire before the session disconnects.
    /// </summary>
    public async Task RunAsync(MqttPublishChannel channel, int maxInFlight, CancellationToken session, CancellationToken stopping)
    {
        var reserved = 0;
        try
        {
            // Permits beyond this session's share stay taken until it ends.
            for (; reserved < _maxInFlight - maxInFlight; reserved++)
            {
                await _inFlight.WaitAsync(session).ConfigureAwait(false);
            }

            _queue.SetDirect(m => TryPublishDirect(channel, m));
            _queue.SetConnected(true);
            await foreach (var message in _queue.Reader.ReadAllAsync(session).ConfigureAwait(false))
            {
                if (!await WaitForSlotAsync(session).ConfigureAwait(false))
                {
                    _queue.CountDisconnected();
                    _queue.Dequeued();
                    break;
                }

                _ = PublishAsync(channel, message);
                _queue.Dequeued(); // after the client has it: a direct publish may follow without overtaking it
            }
        }
        catch (OperationCanceledException) when (session.IsCancellationRequested)
        {
            // The session ended.
        }
        finally
        {
            _queue.SetConnected(false);
            _queue.SetDirect(null);
            DropQueued();
            if (stopping.IsCancellationRequested)
            {
                await WaitForAcknowledgementsAsync(reserved).ConfigureAwait(false);
            }

            if (reserved > 0)
            {
                _inFlight.Release(reserved);
            }
        }
    }

    /// <summary>The connection dropped: refuse events at once, before the session loop notices (MQTTnet's Disconnected event).</summary>
    public void Pause() => _queue.SetConnected(false);

    /// <summary>Logs what was lost since the last report (one line, totals by cause), and the stage's waits for room.</summary>
    public void ReportLosses()
    {
        var lost = _queue.Lost;
        if (lost > _reportedLost)
        {
            LogLost(_logger, lost - _reportedLost, _queue.DroppedDisconnected, _queue.DroppedFull, _queue.DroppedRingPressure, _queue.Failed);
            _reportedLost = lost;
        }

        var waits = _queue.FullWaits;
        if (waits > _reportedWaits)
        {
            LogWaited(_logger, waits - _reportedWaits, waits);
            _reportedWaits = waits;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _inFlight.Dispose();

    /// <summary>
    /// The direct path, on the events stage thread: starts the publish when an in-flight slot is free, never waits.
    /// MQTTnet's PublishAsync runs synchronously only up to its socket write, which does not block (a full socket buffer
    /// completes asynchronously), then returns; the PUBACK is awaited off this thread.
    /// </summary>
    internal bool TryPublishDirect(MqttPublishChannel channel, EventMessage message)
    {
        try
        {
            if (!_inFlight.Wait(0, CancellationToken.None))
            {
                return false;
            }
        }
        catch (ObjectDisposedException)
        {
            return false; // stopping: the queue path counts it
        }

        _ = PublishAsync(channel, message);
        return true;
    }

    private async Task<bool> WaitForSlotAsync(CancellationToken session)
    {
        try
        {
            await _inFlight.WaitAsync(session).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task PublishAsync(MqttPublishChannel channel, EventMessage message)
    {
        try
        {
            var result = await channel.Send(new OutgoingMessage(message.Topic, message.Payload, Retain: false, _expirySeconds)).ConfigureAwait(false);
            if (MqttPublishChannel.Accepted(result.ReasonCode))
            {
                _queue.CountPublished();
            }
            else
            {
                _queue.CountFailed();
            }
        }
        catch (Exception)
        {
            // Connection lost in flight or shutting down: the event is lost, which events may be; counted.
            _queue.CountFailed();
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private void DropQueued()
    {
        // Queued before the link went down: dropped, not delayed into the next session.
        while (_queue.Reader.TryRead(out _))
        {
            _queue.CountDisconnected();
            _queue.Dequeued();
        }
    }

    private async Task WaitForAcknowledgementsAsync(int reserved)
    {
        var deadline = _time.GetUtcNow() + s_acknowledgeOnStop;
        while (_inFlight.CurrentCount + reserved < _maxInFlight && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), _time, CancellationToken.None).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 352, Level = LogLevel.Warning, Message = "Events not delivered: {New} more; totals: {Disconnected} broker unreachable, {Full} queue full (of which {RingPressure} with the ring half full, not waited for), {Failed} unacknowledged")]
    private static partial void LogLost(ILogger logger, long @new, long disconnected, long full, long ringPressure, long failed);

    [LoggerMessage(EventId = 353, Level = LogLevel.Warning, Message = "Events queue full: the events stage waited for the broker {New} more times ({Total} in all); the ring absorbs it up to half its slots, then the stage drops instead (Mqtt:Events:WhenFull wait)")]
    private static partial void LogWaited(ILogger logger, long @new, long total);
}
