namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// A token bucket that bounds how many new Remote ID tracks one receiver opens per second: a flood of forged ids, each
/// from a new random MAC, cannot each get a track and an alert. Once it refuses, it keeps refusing until
/// <c>hold</c> has passed without a refusal (flood mode): refilled tokens would otherwise go to forged ids at the
/// bucket's rate, each an unflagged alert. Time is the event time, so it is deterministic and testable with a fake
/// clock. Not thread-safe: the receiver's one reader task calls it.
/// </summary>
public sealed class NewTrackBudget
{
    private readonly double _tokensPerTick;
    private readonly double _burst;
    private readonly long _holdTicks;
    private long _lastRefusedTicks = long.MinValue / 2;
    private double _tokens;
    private long _lastTicks;
    private bool _started;

    /// <summary>The default flood-mode hold: refusals stop this long before tokens are granted again.</summary>
    public static readonly TimeSpan DefaultHold = TimeSpan.FromSeconds(10);

    /// <summary>Creates a bucket that holds <paramref name="burst"/> tokens and refills <paramref name="perSecond"/> a second.</summary>
    /// <param name="perSecond">Refill rate.</param>
    /// <param name="burst">Bucket size.</param>
    /// <param name="hold">After a refusal, refuse until this long passes without one (default <see cref="DefaultHold"/>).</param>
    public NewTrackBudget(double perSecond, int burst, TimeSpan? hold = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _tokensPerTick = perSecond / TimeSpan.TicksPerSecond;
        _burst = burst;
        _holdTicks = (hold ?? DefaultHold).Ticks;
    }

    /// <summary>True while refusals go on (flood mode) as of the last call.</summary>
    public bool Flooded { get; private set; }

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

        Flooded = ticks - _lastRefusedTicks < _holdTicks;
        if (_tokens >= 1 && !Flooded)
        {
            _tokens -= 1;
            return true;
        }

        Refused++;
        _lastRefusedTicks = Math.Max(_lastRefusedTicks, ticks);
        Flooded = true;
        return false;
    }
}
