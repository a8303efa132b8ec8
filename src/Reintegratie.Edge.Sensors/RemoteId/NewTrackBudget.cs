namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// A token bucket that bounds how many new Remote ID tracks one receiver opens per second: a flood of forged ids, each
/// from a new random MAC, cannot each get a track and an alert. Time is the event time, so it is deterministic and
/// testable with a fake clock. Not thread-safe: the receiver's one reader task calls it.
/// </summary>
public sealed class NewTrackBudget
{
    private readonly double _tokensPerTick;
    private readonly double _burst;
    private double _tokens;
    private long _lastTicks;
    private bool _started;

    /// <summary>Creates a bucket that holds <paramref name="burst"/> tokens and refills <paramref name="perSecond"/> a second.</summary>
    public NewTrackBudget(double perSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _tokensPerTick = perSecond / TimeSpan.TicksPerSecond;
        _burst = burst;
    }

    /// <summary>New tracks refused so far.</summary>
    public long Refused { get; private set; }

    /// <summary>Takes a token at <paramref name="ticks"/> (UTC ticks); false when the bucket is empty.</summary>
    public bool TryTake(long ticks)
    {
        if (!_started)
        {
            _started = true;
            _tokens = _burst; // a receiver starts with a full bucket: the first drones of the day are not delayed
            _lastTicks = ticks;
        }
        else if (ticks > _lastTicks)
        {
            // Event times may step back a little (two sources, clock steps): only forward time refills.
            _tokens = Math.Min(_burst, _tokens + ((ticks - _lastTicks) * _tokensPerTick));
            _lastTicks = ticks;
        }

        if (_tokens >= 1)
        {
            _tokens -= 1;
            return true;
        }

        Refused++;
        return false;
    }
}
