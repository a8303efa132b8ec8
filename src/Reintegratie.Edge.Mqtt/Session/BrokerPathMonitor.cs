using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Mqtt.Session;

/// <summary>
/// Raises and clears "broker path lost": when the connection has been down for the threshold, a
/// <see cref="EventKind.Gateway"/> health event (Offline, <c>broker_path_lost</c>) goes into the ring so fusion raises the
/// <c>broker_path_lost</c> alert (delivered through the outbox once the path is back); on reconnect an Online
/// <c>broker_path_restored</c> event follows. Thread-safe; time comes from the caller.
/// </summary>
public sealed class BrokerPathMonitor
{
    /// <summary>Reason code of the Offline event.</summary>
    public const string LostReason = "broker_path_lost";

    /// <summary>Reason code of the Online event.</summary>
    public const string RestoredReason = "broker_path_restored";

    private readonly IEventSink _sink;
    private readonly TimeSpan _threshold;
    private readonly object _gate = new();
    private bool _connected;
    private bool _lostRaised;
    private DateTimeOffset _downSince;

    /// <summary>Creates the monitor; the path counts as down since <paramref name="startedAt"/> until the first connect.</summary>
    public BrokerPathMonitor(IEventSink sink, TimeSpan threshold, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
        _threshold = threshold;
        _downSince = startedAt;
    }

    /// <summary>True while connected.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connected;
            }
        }
    }

    /// <summary>True while the lost event is raised and not yet cleared.</summary>
    public bool IsLost
    {
        get
        {
            lock (_gate)
            {
                return _lostRaised;
            }
        }
    }

    /// <summary>The connection is up.</summary>
    public void MarkUp(DateTimeOffset now)
    {
        lock (_gate)
        {
            _connected = true;
            if (!_lostRaised)
            {
                return;
            }

            _lostRaised = false;
            Publish(SensorStatus.Online, SensorStatus.Offline, RestoredReason, now);
        }
    }

    /// <summary>The connection went down (or a connect attempt failed).</summary>
    public void MarkDown(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_connected)
            {
                _connected = false;
                _downSince = now;
            }
        }
    }

    /// <summary>Raises the lost event once the path has been down for the threshold; call periodically.</summary>
    public void Evaluate(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_connected || _lostRaised || (now - _downSince).TotalMilliseconds < _threshold.TotalMilliseconds)
            {
                return;
            }

            _lostRaised = true;
            Publish(SensorStatus.Offline, SensorStatus.Online, LostReason, now);
        }
    }

    private void Publish(SensorStatus status, SensorStatus previous, string reason, DateTimeOffset at)
    {
        var health = new HealthData { Status = status, Previous = previous };
        health.Reason.Set(reason);
        _sink.PublishHealth(new EventHeader(EventKind.Gateway, SensorFamily.Gateway, -1, -1, at), health);
    }
}
