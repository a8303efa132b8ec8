using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>
/// What a perimeter input reports, independent of how it is read: settled states become events, raw transitions
/// feed chatter detection, read failures become a fault, and faults recover. Publishes perimeter events and health
/// transitions. Not thread-safe: the adapter calls it under its lock. Allocates nothing per call.
/// </summary>
internal sealed class PerimeterStateMachine
{
    private readonly Sensor _sensor;
    private readonly PerimeterMode _mode;
    private readonly int _chatterLimit;
    private readonly IEventSink _sink;
    private readonly SensorHealthRegistry _health;
    private readonly ILogger _logger;
    private readonly ChatterCounter _chatter = new();
    private short _lastRaw = -1;
    private string _unreadableReason = "unreadable";

    public PerimeterStateMachine(Sensor sensor, PerimeterMode mode, int chatterPerMinute, IEventSink sink, SensorHealthRegistry health, ILogger logger)
    {
        _sensor = sensor;
        _mode = mode;
        _chatterLimit = chatterPerMinute;
        _sink = sink;
        _health = health;
        _logger = logger;
    }

    /// <summary>The state last published (Normal before the first event).</summary>
    public PerimeterState Published { get; private set; } = PerimeterState.Normal;

    /// <summary>The input's last settled state (what it reads, even while a fault hides it).</summary>
    public PerimeterState Input { get; private set; } = PerimeterState.Normal;

    /// <summary>True while more than the allowed raw transitions happened in the last minute (and until a quiet minute).</summary>
    public bool Chattering { get; private set; }

    /// <summary>True while the input cannot be read (or opened).</summary>
    public bool Unreadable { get; private set; }

    /// <summary>A valid read: the sensor is alive.</summary>
    public void Touch(DateTimeOffset now) => _health.Touch(_sensor.Index, now);

    /// <summary>An edge (or an EOL band change) before debounce: counts toward chatter.</summary>
    public void RawTransition(DateTimeOffset now)
    {
        _chatter.Add(now);
        if (!Chattering && _chatter.Count(now) > _chatterLimit)
        {
            Chattering = true;
            EnterFault("chatter", fromSupervision: false, now);
        }
    }

    /// <summary>A state that held for the debounce time (or a confirmed supervision read).</summary>
    public void Settled(PerimeterState observed, short raw, bool fromSupervision, DateTimeOffset now)
    {
        Touch(now);
        Input = observed;
        _lastRaw = raw;
        if (Unreadable)
        {
            Unreadable = false;
            if (Chattering)
            {
                _health.Report(_sensor.Index, SensorStatus.Fault, "chatter", now);
                return;
            }

            PerimeterLog.Recovered(_logger, _sensor.Id, _unreadableReason, observed);
            Publish(observed, fromSupervision, now);
            return;
        }

        if (!Chattering && observed != Published)
        {
            Publish(observed, fromSupervision, now);
        }
    }

    /// <summary>Reads <paramref name="input"/>; a read that throws is a fault ("unreadable"), logged once per episode.</summary>
    public bool TryRead(IPerimeterInput input, DateTimeOffset now, out PerimeterState state, out short raw)
    {
        try
        {
            state = input.Read(out raw);
            return true;
        }
        catch (Exception ex)
        {
            if (!Unreadable)
            {
                PerimeterLog.ReadFailed(_logger, ex, _sensor.Id, input.Describe);
            }

            ReadFailed("unreadable", now);
            state = PerimeterState.Fault;
            raw = -1;
            return false;
        }
    }

    /// <summary>The input could not be read (<paramref name="reason"/> "unreadable") or opened ("open_failed").</summary>
    public void ReadFailed(string reason, DateTimeOffset now)
    {
        if (Unreadable && reason == _unreadableReason)
        {
            return;
        }

        Unreadable = true;
        _unreadableReason = reason;
        EnterFault(reason, fromSupervision: true, now);
    }

    /// <summary>Periodic check: a chattering input recovers after a minute without raw transitions.</summary>
    public void Tick(DateTimeOffset now)
    {
        if (!Chattering || _chatter.Count(now) != 0)
        {
            return;
        }

        Chattering = false;
        if (Unreadable)
        {
            _health.Report(_sensor.Index, SensorStatus.Fault, _unreadableReason, now);
            return;
        }

        PerimeterLog.Recovered(_logger, _sensor.Id, "chatter", Input);
        Publish(Input, fromSupervision: true, now);
    }

    private void EnterFault(string reason, bool fromSupervision, DateTimeOffset now)
    {
        PerimeterLog.Fault(_logger, _sensor.Id, reason, _chatter.Count(now));
        _health.Report(_sensor.Index, SensorStatus.Fault, reason, now);
        if (Published != PerimeterState.Fault)
        {
            Publish(PerimeterState.Fault, fromSupervision, now);
        }
    }

    private void Publish(PerimeterState state, bool fromSupervision, DateTimeOffset now)
    {
        var data = new PerimeterData
        {
            State = state,
            Previous = Published,
            Mode = _mode,
            TransitionsPerMinute = (ushort)Math.Min(_chatter.Count(now), ushort.MaxValue),
            RawAdc = _mode == PerimeterMode.Eol ? _lastRaw : (short)-1,
            FromSupervision = fromSupervision,
        };
        Published = state;
        _sink.PublishPerimeter(new EventHeader(EventKind.Perimeter, SensorFamily.Perimeter, _sensor.Index, _sensor.ZoneIndex, now), data);
        PerimeterLog.StateChanged(_logger, _sensor.Id, data.Previous, state, fromSupervision);
        switch (state)
        {
            case PerimeterState.TamperOpen:
                _health.Report(_sensor.Index, SensorStatus.Tamper, "tamper_open", now);
                break;
            case PerimeterState.TamperShort:
                _health.Report(_sensor.Index, SensorStatus.Tamper, "tamper_short", now);
                break;
            case PerimeterState.Normal or PerimeterState.Alarm:
                _health.Report(_sensor.Index, SensorStatus.Online, "reporting", now);
                break;
        }
    }
}
