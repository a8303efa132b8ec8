using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>
/// The gateway's event pipeline: a ring of pre-allocated <see cref="SensorEvent"/> slots that adapters publish into
/// (this class is their <see cref="IEventSink"/>), and a chain of stages on dedicated threads, each gated on the one
/// before it; the last stage gates the producers. A clock tick enters the ring every <see cref="PipelineOptions.TickMs"/>
/// so time-based rules run on event time. Full ring: security events wait in bounded, counted steps and are never
/// dropped; telemetry and ticks are shed and counted per sensor.
/// </summary>
public sealed partial class EventPipeline : IEventSink, IDisposable
{
    private readonly RingBuffer<SensorEvent> _ring;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _firstEventId;
    private readonly List<EventProcessor<SensorEvent>> _stages = [];
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _tick;
    private bool _started;
    private (long Sequence, long Timestamp)[] _observed = [];

    /// <summary>Creates the pipeline.</summary>
    /// <param name="options">Ring and stage settings (validated).</param>
    /// <param name="sensorCount">Number of configured sensors (shed counters).</param>
    /// <param name="firstEventId">Event id of the first published event (the journal's next id, so ids stay unique across restarts).</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Logging.</param>
    public EventPipeline(PipelineOptions options, int sensorCount, long firstEventId, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time;
        _logger = logger;
        _firstEventId = firstEventId;
        _ring = new RingBuffer<SensorEvent>(options.Capacity, static () => new SensorEvent(), new SpinThenBlockWaitStrategy(TimeSpan.FromMicroseconds(options.SpinMicroseconds)));
        Counters = new PipelineCounters(sensorCount, () => _ring.Cursor + 1);
    }

    /// <summary>The ring (benchmarks and tests).</summary>
    public RingBuffer<SensorEvent> Ring => _ring;

    /// <summary>Producer-side counters.</summary>
    public PipelineCounters Counters { get; }

    /// <summary>The stages in order.</summary>
    public IReadOnlyList<EventProcessor<SensorEvent>> Stages => _stages;

    /// <summary>Adds a stage after the previously added one. Call before <see cref="Start"/>.</summary>
    public EventProcessor<SensorEvent> AddStage(string name, IStageHandler<SensorEvent> handler) => AddStage(name, [(name, handler)]);

    /// <summary>
    /// Adds one stage after the previously added one that runs <paramref name="handlers"/> on its one thread: each
    /// event goes to each in the order given, so the second sees an event only after the first has handled it, as if
    /// they were two stages in a row, without the second stage's sleep and wake-up per event (the dominant cost of a
    /// hop at a moderate rate on a small machine). Each handler is guarded by itself (one that throws never keeps the
    /// next from the event). Call before <see cref="Start"/>.
    /// </summary>
    public EventProcessor<SensorEvent> AddStage(string name, params (string Name, IStageHandler<SensorEvent> Handler)[] handlers)
    {
        if (_started)
        {
            throw new InvalidOperationException("Stages must be added before the pipeline starts.");
        }

        var barrier = _stages.Count == 0 ? _ring.NewBarrier() : _ring.NewBarrier(_stages[^1].Sequence);
        var stage = new EventProcessor<SensorEvent>(name, _ring, barrier, handlers, _logger);
        _stages.Add(stage);
        return stage;
    }

    /// <summary>Starts the stage threads and the clock tick.</summary>
    public void Start()
    {
        if (_stages.Count == 0)
        {
            throw new InvalidOperationException("A pipeline needs at least one stage.");
        }

        _started = true;
        _observed = new (long, long)[_stages.Count];
        _ring.AddGatingSequences(_stages[^1].Sequence);
        foreach (var stage in _stages)
        {
            stage.Start(_stop.Token);
        }

        var period = TimeSpan.FromMilliseconds(_options.TickMs);
        _tick = _time.CreateTimer(static s => ((EventPipeline)s!).PublishTick(), this, period, period);
    }

    /// <summary>
    /// Stops: no more ticks, waits until every stage has handled everything published (at most <paramref name="drainTimeout"/>),
    /// then stops the stage threads (each calls its handler's OnShutdown, e.g. the journal's final commit).
    /// </summary>
    public bool Stop(TimeSpan drainTimeout)
    {
        _tick?.Dispose();
        var start = Stopwatch.GetTimestamp();
        var drained = false;
        var spin = default(SpinWait);
        while (Stopwatch.GetElapsedTime(start) < drainTimeout)
        {
            var cursor = _ring.Cursor;
            if (_stages.TrueForAll(s => s.Sequence.Value >= cursor))
            {
                drained = true;
                break;
            }

            spin.SpinOnce();
        }

        _stop.Cancel();
        foreach (var stage in _stages)
        {
            stage.Join(drainTimeout);
        }

        return drained;
    }

    /// <summary>
    /// True while every stage makes progress: a stage is stuck when the ring holds work for it and its sequence has not
    /// moved for <see cref="PipelineOptions.StuckAfterMs"/>. The watchdog pings systemd only while this holds.
    /// </summary>
    /// <remarks>
    /// Progress is observed here, by the caller's polling (the watchdog), not timed by the stages: the stages' hot path
    /// stays free of clock reads. A stage counts as moving when its sequence changed since the previous call.
    /// </remarks>
    public bool IsHealthy(out string? stuckStage)
    {
        lock (_stages)
        {
            var published = _ring.Cursor;
            var now = Stopwatch.GetTimestamp();
            var limit = TimeSpan.FromMilliseconds(_options.StuckAfterMs);
            for (var i = 0; i < _observed.Length; i++)
            {
                var sequence = _stages[i].Sequence.Value;
                if (sequence != _observed[i].Sequence || sequence >= published || _observed[i].Timestamp == 0)
                {
                    _observed[i] = (sequence, now); // moved, idle, or first look: the clock restarts
                }
                else if (Stopwatch.GetElapsedTime(_observed[i].Timestamp, now) > limit)
                {
                    stuckStage = _stages[i].Name;
                    return false;
                }
            }

            stuckStage = null;
            return true;
        }
    }

    /// <inheritdoc />
    public bool PublishDrone(in EventHeader header, in DroneData drone)
    {
        if (!Claim(header.Kind, header.SensorIndex, out var seq))
        {
            return false;
        }

        var slot = _ring[seq];
        try
        {
            Fill(slot, header, seq);
            slot.Drone = drone;
        }
        finally
        {
            _ring.Publish(seq);
        }

        return true;
    }

    /// <inheritdoc />
    public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter)
    {
        if (!Claim(header.Kind, header.SensorIndex, out var seq))
        {
            return false;
        }

        var slot = _ring[seq];
        try
        {
            Fill(slot, header, seq);
            slot.Perimeter = perimeter;
        }
        finally
        {
            _ring.Publish(seq);
        }

        return true;
    }

    /// <inheritdoc />
    public bool PublishHealth(in EventHeader header, in HealthData health)
    {
        if (!Claim(header.Kind, header.SensorIndex, out var seq))
        {
            return false;
        }

        var slot = _ring[seq];
        try
        {
            Fill(slot, header, seq);
            slot.Health = health;
        }
        finally
        {
            _ring.Publish(seq);
        }

        return true;
    }

    /// <inheritdoc />
    public bool PublishHandset(in EventHeader header, in HandsetData handset)
    {
        if (!Claim(header.Kind, header.SensorIndex, out var seq))
        {
            return false;
        }

        var slot = _ring[seq];
        try
        {
            Fill(slot, header, seq);
            slot.Handset = handset;
        }
        finally
        {
            _ring.Publish(seq);
        }

        return true;
    }

    /// <inheritdoc />
    public bool PublishObject(in EventHeader header, object attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (!Claim(header.Kind, header.SensorIndex, out var seq))
        {
            return false;
        }

        var slot = _ring[seq];
        try
        {
            Fill(slot, header, seq);
            slot.Attachment = attachment;
        }
        finally
        {
            _ring.Publish(seq);
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tick?.Dispose();
        if (!_stop.IsCancellationRequested)
        {
            _stop.Cancel();
        }

        _stop.Dispose();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Fill(SensorEvent slot, in EventHeader header, long seq)
    {
        slot.SetHeader(header);
        slot.EventId = _firstEventId + seq;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Claim(EventKind kind, int sensorIndex, out long seq) =>
        _ring.TryNext(out seq) || ClaimSlow(kind, sensorIndex, out seq);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ClaimSlow(EventKind kind, int sensorIndex, out long seq)
    {
        if (kind.IsSheddable())
        {
            Counters.OnShed(sensorIndex);
            seq = -1;
            return false;
        }

        var step = TimeSpan.FromMilliseconds(_options.SecurityWaitMs);
        try
        {
            while (!_ring.TryNext(step, _stop.Token, out seq))
            {
                Counters.OnSecurityWait();
                LogSecurityWait(_logger, kind, sensorIndex, Counters.SecurityWaits);
            }

            return true;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutting down with a full ring and stopped stages: nothing can take the event any more.
            LogDroppedAtShutdown(_logger, kind, sensorIndex);
            seq = -1;
            return false;
        }
    }

    private void PublishTick()
    {
        var header = new EventHeader(EventKind.Tick, SensorFamily.Gateway, -1, -1, _time.GetUtcNow());
        if (Claim(EventKind.Tick, -1, out var seq))
        {
            var slot = _ring[seq];
            try
            {
                slot.SetHeader(header);
                slot.EventId = _firstEventId + seq;
            }
            finally
            {
                _ring.Publish(seq);
            }
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Ring full: producer of a {Kind} event (sensor {Sensor}) waits; {Waits} waits so far")]
    private static partial void LogSecurityWait(ILogger logger, EventKind kind, int sensor, long waits);

    [LoggerMessage(EventId = 111, Level = LogLevel.Error, Message = "Pipeline stopped with a full ring: a {Kind} event of sensor {Sensor} could not be published")]
    private static partial void LogDroppedAtShutdown(ILogger logger, EventKind kind, int sensor);
}
