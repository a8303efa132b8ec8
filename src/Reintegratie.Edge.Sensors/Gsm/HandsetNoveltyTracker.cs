using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.Gsm;

/// <summary>
/// Decides <see cref="HandsetData.NewInZone"/>: a pseudonym is new in a zone when it was not seen there within the
/// window (sliding: every sighting renews it). Time is the gateway clock, so a wrong umbrella clock cannot make a known
/// handset "new" again. Expired entries are pruned; memory is bounded by <see cref="MaxEntries"/>. Thread-safe.
/// </summary>
public sealed class HandsetNoveltyTracker
{
    /// <summary>Default bound on remembered (zone, pseudonym) pairs (~100 bytes each).</summary>
    public const int DefaultMaxEntries = 200_000;

    private readonly Dictionary<(int Zone, Pseudonym Id), long> _lastSeen = [];
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private long _lastPruneTicks;

    /// <summary>Creates a tracker.</summary>
    public HandsetNoveltyTracker(TimeSpan window, TimeProvider time, int maxEntries = DefaultMaxEntries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _window = window;
        _time = time;
        MaxEntries = maxEntries;
        _lastPruneTicks = time.GetUtcNow().UtcTicks;
    }

    /// <summary>The bound on remembered pairs; past it the oldest half is forgotten (those handsets count as new again).</summary>
    public int MaxEntries { get; }

    /// <summary>Remembered pairs.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _lastSeen.Count;
            }
        }
    }

    /// <summary>
    /// Records a sighting and returns true when it is new in the zone. <paramref name="previousKeyForm"/> is the same
    /// identifier under the previous key (during a rotation), so a handset seen before the rotation is not new.
    /// </summary>
    public bool Observe(int zoneIndex, in Pseudonym id, in Pseudonym previousKeyForm = default)
    {
        if (!id.HasValue)
        {
            return false;
        }

        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            PruneIfDue(now);
            var known = Recent((zoneIndex, id), now) || (previousKeyForm.HasValue && Recent((zoneIndex, previousKeyForm), now));
            _lastSeen[(zoneIndex, id)] = now;
            if (_lastSeen.Count > MaxEntries)
            {
                ForgetOldestHalf();
            }

            return !known;
        }
    }

    private bool Recent((int, Pseudonym) key, long now) =>
        _lastSeen.TryGetValue(key, out var last) && now - last <= _window.Ticks;

    private void PruneIfDue(long now)
    {
        // Pruning costs a pass over the map: do it at most every tenth of a window (or every minute, if shorter).
        var interval = Math.Min(_window.Ticks / 10, TimeSpan.TicksPerMinute);
        if (now - _lastPruneTicks < interval)
        {
            return;
        }

        _lastPruneTicks = now;
        foreach (var (key, last) in _lastSeen)
        {
            if (now - last > _window.Ticks)
            {
                _lastSeen.Remove(key); // removing during enumeration is allowed for Dictionary since .NET Core 3.0
            }
        }
    }

    private void ForgetOldestHalf()
    {
        var ticks = _lastSeen.Values.ToArray();
        Array.Sort(ticks);
        var cut = ticks[ticks.Length / 2];
        foreach (var (key, last) in _lastSeen)
        {
            if (last <= cut)
            {
                _lastSeen.Remove(key);
            }
        }
    }
}
