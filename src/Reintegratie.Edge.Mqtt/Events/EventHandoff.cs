using System.Threading.Channels;

namespace Reintegratie.Edge.Mqtt.Events;

/// <summary>
/// The hand-off between the events stage (one writer, the stage thread) and the session's events feed (<see cref="Client.MqttSession"/>, one
/// reader). While the broker is unreachable an event is dropped and counted at once: events are a best-effort feed
/// (alerts travel through the outbox). When the queue is full while connected, the writer waits for room
/// (backpressure, <c>Mqtt:Events:WhenFull</c> <c>wait</c>, nothing lost) or drops and counts (<c>drop</c>).
/// </summary>
/// <remarks>
/// While nothing is queued the feed may take an event straight from the writer (<see cref="SetDirect"/>): the
/// writer then starts the publish itself, which saves the queue's wake-up of a thread-pool worker per event (at 1k
/// events/s most events find the queue empty). Order is kept: an event goes direct only when every earlier one has
/// been handed to the MQTT client.
/// </remarks>
public sealed class EventHandoff
{
    private static readonly TimeSpan s_recheckConnected = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_recheckRing = TimeSpan.FromMilliseconds(1);
    private readonly Channel<EventMessage> _channel;
    private readonly bool _waitWhenFull;
    private readonly int _resumeAt;
    private readonly object _room = new(); // Monitor.Wait needs a monitor: not System.Threading.Lock
    private readonly TimeSpan _stallAfter;
    private volatile bool _writerWaiting;
    private volatile bool _stalled;
    private long _stalls;
    private long _fullWaits;
    private long _enqueued;
    private long _droppedFull;
    private long _droppedRingPressure;
    private long _droppedDisconnected;
    private long _published;
    private long _failed;
    private volatile bool _connected;
    private Func<EventMessage, bool>? _direct;
    private int _queued;

    /// <summary>
    /// Creates the queue with room for <paramref name="capacity"/> events; with <paramref name="waitWhenFull"/> the
    /// writer waits for room in a full queue while connected (until the feed has taken nothing for
    /// <paramref name="stallAfter"/>, default 5 s), else it drops and counts.
    /// </summary>
    public EventHandoff(int capacity, bool waitWhenFull = true, TimeSpan? stallAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _waitWhenFull = waitWhenFull;
        _stallAfter = stallAfter ?? TimeSpan.FromSeconds(5);
        _resumeAt = capacity / 2;

        // FullMode Wait: TryWrite then returns false on a full queue, which is what lets us count the drop
        // (DropWrite would report success for a discarded item).
        _channel = Channel.CreateBounded<EventMessage>(new BoundedChannelOptions(capacity)
        {
            SingleWriter = true,
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The hand-off <c>Mqtt:Events</c> asks for: its queue capacity and its <c>WhenFull</c> policy.</summary>
    public static EventHandoff For(MqttEventsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new EventHandoff(options.QueueCapacity, options.WaitsWhenFull);
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

    /// <summary>Times the writer found the queue full and waited for room (<c>WhenFull</c> <c>wait</c>).</summary>
    public long FullWaits => Interlocked.Read(ref _fullWaits);

    /// <summary>Times a waiting writer gave up because the feed took nothing for the stall period (the broker took no event).</summary>
    public long Stalls => Interlocked.Read(ref _stalls);

    /// <summary>All dropped or failed events.</summary>
    public long Lost => DroppedFull + DroppedDisconnected + Failed;

    internal ChannelReader<EventMessage> Reader => _channel.Reader;

    /// <summary>Events dropped at a full queue because the ring behind the stage was half full, before or while waiting.</summary>
    public long DroppedRingPressure => Interlocked.Read(ref _droppedRingPressure);

    /// <summary>
    /// Hands one event over; false (and counted) when it was dropped. Blocks only on a full queue with
    /// <c>waitWhenFull</c>, until the feed makes room or the session ends (then the event is dropped as disconnected),
    /// and only while <paramref name="mayWait"/> (when given) says so: the stage's says no once the ring behind it is
    /// half full, because waiting longer would make the sensors' producers wait for the broker. It is asked before the
    /// wait and at least every millisecond during it.
    /// </summary>
    public bool TryEnqueue(in EventMessage message, Func<bool>? mayWait = null)
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
        var ringPressure = false;
        if (_channel.Writer.TryWrite(message) || (_waitWhenFull && !_stalled && WaitForRoom(message, mayWait, out ringPressure)))
        {
            Interlocked.Increment(ref _enqueued);
            return true;
        }

        Interlocked.Decrement(ref _queued);
        if (_connected)
        {
            Interlocked.Increment(ref _droppedFull); // counters are read by other threads (metrics, logs)
            if (ringPressure)
            {
                Interlocked.Increment(ref _droppedRingPressure);
            }
        }
        else
        {
            CountDisconnected(); // the session ended while the writer waited
        }

        return false;
    }

    /// <summary>
    /// Waits on the stage thread until the full queue takes <paramref name="message"/> (true), the session is gone
    /// (false), or the feed has taken nothing for the stall period (false, and later events find the queue full without
    /// waiting until it has drained to half: a connected broker that acknowledges nothing must not hold the pipeline
    /// until the watchdog restarts the gateway). The writer sleeps until the feed has emptied the queue to half
    /// (<see cref="Dequeued"/>), so one wake moves half a queue of events instead of one event per wake. The feed's end
    /// (<see cref="SetConnected"/> false) wakes it; a connection lost without that is seen within 100 ms.
    /// </summary>
    private bool WaitForRoom(in EventMessage message, Func<bool>? mayWait, out bool ringPressure)
    {
        ringPressure = false;
        if (mayWait is not null && !mayWait())
        {
            ringPressure = true;
            return false;
        }

        Interlocked.Increment(ref _fullWaits);
        var seen = Volatile.Read(ref _queued);
        var idle = TimeSpan.Zero;
        var slice = mayWait is null ? s_recheckConnected : s_recheckRing;
        while (_connected)
        {
            var woken = true;
            lock (_room)
            {
                _writerWaiting = true;
                Interlocked.MemoryBarrier(); // the flag before the count; Dequeued decrements the count before it reads the flag
                if (_connected && Volatile.Read(ref _queued) > _resumeAt + 1) // + 1: this writer's own event is counted already
                {
                    woken = Monitor.Wait(_room, slice);
                }

                _writerWaiting = false;
            }

            if (_connected && _channel.Writer.TryWrite(message))
            {
                return true;
            }

            if (mayWait is not null && !mayWait())
            {
                ringPressure = true; // the ring behind the stage filled to half while it waited: stop holding it
                return false;
            }

            var now = Volatile.Read(ref _queued);
            idle = woken || now != seen ? TimeSpan.Zero : idle + slice;
            seen = now;
            if (idle >= _stallAfter)
            {
                _stalled = true; // until Dequeued finds the queue half empty
                Interlocked.Increment(ref _stalls);
                return false;
            }
        }

        return false;
    }

    /// <summary>Counts an event dropped because the broker is unreachable.</summary>
    public void CountDisconnected() => Interlocked.Increment(ref _droppedDisconnected);

    internal void SetConnected(bool connected)
    {
        _connected = connected;
        if (!connected)
        {
            Wake(); // a writer waiting for room drops its event now
        }
    }

    /// <summary>
    /// Installs (or, with null, removes) the feed's direct path: called on the writer's thread with an event while
    /// the queue is empty; true when it took the event (its publish has started), false to queue it instead.
    /// </summary>
    internal void SetDirect(Func<EventMessage, bool>? direct) => Volatile.Write(ref _direct, direct);

    /// <summary>The reader took a queued event and handed it to the client (or dropped it).</summary>
    internal void Dequeued()
    {
        if (Interlocked.Decrement(ref _queued) <= _resumeAt + 1)
        {
            if (_stalled)
            {
                _stalled = false;
            }

            if (_writerWaiting)
            {
                Wake();
            }
        }
    }

    private void Wake()
    {
        lock (_room)
        {
            Monitor.PulseAll(_room);
        }
    }

    internal void CountPublished() => Interlocked.Increment(ref _published);

    internal void CountFailed() => Interlocked.Increment(ref _failed);
}
