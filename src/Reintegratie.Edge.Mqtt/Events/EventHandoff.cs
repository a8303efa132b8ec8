using System.Threading.Channels;

namespace Reintegratie.Edge.Mqtt.Events;

/// <summary>
/// The hand-off between the events stage (one writer, the stage thread) and the <see cref="EventPublisher"/> (one
/// reader). Never blocks the writer: while the broker is unreachable or the queue is full an event is dropped and
/// counted, because events are a best-effort feed (alerts travel through the outbox).
/// </summary>
public sealed class EventHandoff
{
    private readonly Channel<EventMessage> _channel;
    private long _enqueued;
    private long _droppedFull;
    private long _droppedDisconnected;
    private long _published;
    private long _failed;
    private volatile bool _connected;

    /// <summary>Creates the queue with room for <paramref name="capacity"/> events.</summary>
    public EventHandoff(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);

        // FullMode Wait: TryWrite then returns false on a full queue, which is what lets us count the drop
        // (DropWrite would report success for a discarded item).
        _channel = Channel.CreateBounded<EventMessage>(new BoundedChannelOptions(capacity)
        {
            SingleWriter = true,
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>True while the publisher holds a broker connection; the stage skips formatting otherwise.</summary>
    public bool IsAccepting => _connected;

    /// <summary>Events handed to the publisher.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    /// <summary>Events dropped because the queue was full.</summary>
    public long DroppedFull => Interlocked.Read(ref _droppedFull);

    /// <summary>Events dropped because the broker was unreachable (at the stage, or still queued when the link went down).</summary>
    public long DroppedDisconnected => Interlocked.Read(ref _droppedDisconnected);

    /// <summary>Events the broker acknowledged (PUBACK).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Events sent but not acknowledged (connection lost in flight, or a refusing reason code).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>All dropped or failed events.</summary>
    public long Lost => DroppedFull + DroppedDisconnected + Failed;

    internal ChannelReader<EventMessage> Reader => _channel.Reader;

    /// <summary>Hands one event over; false (and counted) when it was dropped. Never blocks.</summary>
    public bool TryEnqueue(in EventMessage message)
    {
        if (!_connected)
        {
            CountDisconnected();
            return false;
        }

        if (!_channel.Writer.TryWrite(message))
        {
            Interlocked.Increment(ref _droppedFull); // counters are read by other threads (metrics, logs)
            return false;
        }

        Interlocked.Increment(ref _enqueued);
        return true;
    }

    /// <summary>Counts an event dropped because the broker is unreachable.</summary>
    public void CountDisconnected() => Interlocked.Increment(ref _droppedDisconnected);

    internal void SetConnected(bool connected) => _connected = connected;

    internal void CountPublished() => Interlocked.Increment(ref _published);

    internal void CountFailed() => Interlocked.Increment(ref _failed);

    internal void Complete() => _channel.Writer.TryComplete();
}
