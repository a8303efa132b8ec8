namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>
/// Raw transitions in a sliding minute, kept in 60 one-second buckets with a running total: O(1) per call (amortised
/// over the seconds that pass), no allocation. The window is the current second plus the 59 before it, so the count
/// is exact to within one second of bucket granularity. Not thread-safe: the adapter calls it under its lock.
/// </summary>
internal sealed class ChatterCounter
{
    private const int Buckets = 60;
    private readonly int[] _counts = new int[Buckets];
    private long _second = long.MinValue;
    private long _total;

    /// <summary>Counts one transition at <paramref name="now"/>.</summary>
    public void Add(DateTimeOffset now)
    {
        var s = Roll(now);
        var i = (int)(s % Buckets);
        if (_counts[i] < int.MaxValue)
        {
            _counts[i]++;
            _total++;
        }
    }

    /// <summary>Transitions within the minute that ends at <paramref name="now"/>.</summary>
    public int Count(DateTimeOffset now)
    {
        Roll(now);
        return (int)Math.Min(_total, int.MaxValue);
    }

    private long Roll(DateTimeOffset now)
    {
        var s = now.UtcTicks / TimeSpan.TicksPerSecond;
        if (_second == long.MinValue || s - _second >= Buckets)
        {
            Array.Clear(_counts);
            _total = 0;
        }
        else if (s > _second)
        {
            for (var t = _second + 1; t <= s; t++)
            {
                ref var bucket = ref _counts[(int)(t % Buckets)];
                _total -= bucket;
                bucket = 0;
            }
        }
        else
        {
            return _second; // the clock went back: keep counting into the newest bucket
        }

        _second = s;
        return s;
    }
}
