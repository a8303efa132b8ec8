using System.Threading.Channels;

namespace Reintegratie.Edge.Mqtt.Events;

/// <summary>
/// The hand-off between the events stage (one writer, the stage thread) and the session's events feed (<see cref="Client.MqttSession"/>, one
/// reader). Never blocks the writer: while the broker is unreachable or the queue is full an event is dropped and
/// counted, because events are a best-effort feed (alerts travel through the outbox).
/// </summary>
/// <remarks>
/// While nothing is queued the feed may take an event straight from the writer (<see cref="SetDirect"/>): the
/// writer then starts the publish itself, which saves the queue's wake-up of a thread-pool worker per event (at 1k
/// events/s most events find the queue empty). Order is kept: an event goes direct only when every earlier one has
/// been handed to the MQTT client.
/// </remarks>
public sealed class EventHandoff
{
    private readonly Channel<EventMessage> _channel;
    private long _enqueued;
    private long _droppedFull;
    private long _droppedDisconnected;
    private long _published;
    private long _failed;
    private volatile bool _connected;
    private Func<EventMessage, bool>? _direct;
    private int _queued;

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

    /// <summary>True while the MQTT session is connected; the stage skips formatting otherwise.</summary>
    public bool IsAccepting => _connected;

    /// <summary>Events handed to the MQTT session.</summary>
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

        if (Volatile.Read(ref _queued) == 0 && Volatile.Read(ref _direct) is { } direct && direct(message))
        {
            Interlocked.Increment(ref _enqueued);
            return true;
        }

        Interlocked.Increment(ref _queued); // before the write: the reader's decrement must never come first
        if (!_channel.Writer.TryWrite(message))
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _droppedFull); // counters are read by other threads (metrics, logs)
            return false;
        }

        Interlocked.Increment(ref _enqueued);
        return true;
    }

    /// <summary>Counts an event dropped because the broker is unreachable.</summary>
    public void CountDisconnected() => Interlocked.Increment(ref _droppedDisconnected);

    internal void SetConnected(bool connected) => _connected = connected;

    /// <summary>
    /// Installs (or, with null, removes) the feed's direct path: called on the writer's thread with an event while
    /// the queue is empty; true when it took the event (its publish has started), false to queue it instead.
    /// </summary>
    internal void SetDirect(Func<EventMessage, bool>? direct) => Volatile.Write(ref _direct, direct);

    /// <summary>The reader took a queued event and handed it to the client (or dropped it).</summary>
    internal void Dequeued() => Interlocked.Decrement(ref _queued);

    internal void CountPublished() => Interlocked.Increment(ref _published);

    internal void CountFailed() => Interlocked.Increment(ref _failed);
}
