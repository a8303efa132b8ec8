using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Pipeline;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Events;

/// <summary>
/// The pipeline stage "events", gated after the journal stage: when it sees an event, the journal has committed it, so
/// nothing is published that the journal could lose. Formats the selected kinds and hands them to the
/// <see cref="EventHandoff"/>, which blocks only on a full queue (<c>Mqtt:Events:WhenFull</c> <c>wait</c>); ticks and
/// unselected kinds cost one array lookup.
/// </summary>
public sealed class EventStage : IStageHandler<SensorEvent>, IDisposable
{
    private readonly EventHandoff _queue;
    private readonly EventPayload _payload;
    private readonly string?[] _topics = new string?[256];
    private Func<bool>? _ringHasRoom;
    private long _sequence;

    /// <summary>Creates the stage.</summary>
    public EventStage(MqttEventsOptions options, MqttTopics topics, SiteModel site, EventHandoff queue)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(queue);
        _queue = queue;
        _payload = new EventPayload(site);
        foreach (var kind in Enum.GetValues<EventKind>())
        {
            if (options.Selects(kind))
            {
                _topics[(byte)kind] = Topic(topics, kind);
            }
        }
    }

    /// <summary>The topic of events of <paramref name="kind"/>: <c>{root}/events/{code}</c>.</summary>
    public static string Topic(MqttTopics topics, EventKind kind)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return topics.Relative("events/" + kind.ToCode());
    }

    /// <summary>
    /// Bounds the backpressure of <c>Mqtt:Events:WhenFull</c> <c>wait</c>: while the ring holds half its
    /// <paramref name="capacity"/> or more of published events this stage has not reached yet
    /// (<paramref name="cursor"/> is the ring's highest claimed sequence), a full events queue drops the event
    /// (counted) instead of waiting. A slow broker then never makes the sensors' producers wait for ring room: the
    /// journal, fusion and the alerts keep the sensors' pace, and only the best-effort live feed loses events.
    /// </summary>
    public void LimitWaitToRing(Func<long> cursor, int capacity)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        long half = capacity / 2;
        _ringHasRoom = () => cursor() - Volatile.Read(ref _sequence) < half; // one delegate, asked only while the queue is full
    }

    /// <inheritdoc />
    public void OnEvent(SensorEvent data, long sequence, bool endOfBatch)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (_topics[(byte)data.Kind] is not { } topic)
        {
            return;
        }

        if (!_queue.IsAccepting)
        {
            _queue.CountDisconnected(); // not formatted at all: the broker is away
            return;
        }

        Volatile.Write(ref _sequence, sequence);
        _queue.TryEnqueue(new EventMessage(topic, _payload.Format(data)), _ringHasRoom);
    }

    /// <inheritdoc />
    public void Dispose() => _payload.Dispose();
}
