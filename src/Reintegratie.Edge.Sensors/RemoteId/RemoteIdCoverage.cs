namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// "Heard by only one receiver": on a site with several Remote ID receivers of known position and range, a drone
/// that one receiver reports over the site is suspect when another receiver that is online and in range of that
/// position has not heard it (same track key) for <see cref="Window"/> while the first kept hearing it. A low-power
/// forger next to one receiver fools that receiver only. Conservative by design: an offline receiver, or one out of
/// range, does not count against a drone, and the first <see cref="Window"/> gives the others time to hear it.
/// Shared by the receivers' reader tasks (one lock, held for a few array reads); memory is bounded.
/// </summary>
public sealed class RemoteIdCoverage
{
    /// <summary>How long another receiver in range may stay silent about a drone before it counts as not hearing it.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(5);

    private const int MaxTracks = 1024;
    private readonly RemoteIdReceiverSite[] _receivers;
    private readonly Dictionary<int, int> _slotOf;
    private readonly Func<int, bool> _isOnline;
    private readonly Dictionary<ulong, long[]> _heard = new(MaxTracks + 1);
    private readonly long _windowTicks;
    private readonly object _gate = new();

    /// <summary>Creates the check over <paramref name="receivers"/>; <paramref name="isOnline"/> reads a sensor's health.</summary>
    public RemoteIdCoverage(IReadOnlyList<RemoteIdReceiverSite> receivers, Func<int, bool> isOnline, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        ArgumentNullException.ThrowIfNull(isOnline);
        ArgumentOutOfRangeException.ThrowIfLessThan(receivers.Count, 2);
        _receivers = [.. receivers];
        _slotOf = new Dictionary<int, int>(_receivers.Length);
        for (var i = 0; i < _receivers.Length; i++)
        {
            _slotOf.Add(_receivers[i].SensorIndex, i);
        }

        _isOnline = isOnline;
        _windowTicks = window.Ticks;
        Window = window;
    }

    /// <summary>The silence after which an in-range receiver counts as not hearing a drone.</summary>
    public TimeSpan Window { get; }

    /// <summary>Drones found heard by one receiver only (each observation that said so).</summary>
    public long Flagged { get; private set; }

    /// <summary>
    /// Null unless at least two receivers have a position and a range: with one receiver there is nobody to ask.
    /// </summary>
    public static RemoteIdCoverage? ForSite(IReadOnlyList<RemoteIdReceiverSite> receivers, Func<int, bool> isOnline, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        return receivers.Count >= 2 ? new RemoteIdCoverage(receivers, isOnline, window) : null;
    }

    /// <summary>
    /// Records that receiver <paramref name="sensorIndex"/> heard track <paramref name="trackKey"/> at the position
    /// at <paramref name="ticks"/> (UTC); true when it looks heard by this receiver only.
    /// </summary>
    public bool Observe(int sensorIndex, ulong trackKey, double latitude, double longitude, long ticks)
    {
        if (!_slotOf.TryGetValue(sensorIndex, out var me))
        {
            return false; // a receiver without a position or range takes no part
        }

        lock (_gate)
        {
            var n = _receivers.Length;
            var heard = Heard(trackKey, ticks);
            if (ticks - heard[me] > _windowTicks)
            {
                heard[n + me] = ticks; // heard again after a gap: a new streak starts
            }

            heard[me] = ticks;
            var askable = false;
            for (var r = 0; r < n; r++)
            {
                var other = _receivers[r];
                if (r == me || RemoteIdSpoofSense.DistanceM(other.Latitude, other.Longitude, latitude, longitude) > other.RangeM || !_isOnline(other.SensorIndex))
                {
                    continue;
                }

                if (heard[r] != 0 && ticks - heard[r] <= _windowTicks)
                {
                    return false; // another receiver heard it too
                }

                askable = true;
            }

            if (askable && ticks - heard[n + me] >= _windowTicks)
            {
                Flagged++;
                return true;
            }

            return false;
        }
    }

    private long[] Heard(ulong trackKey, long ticks)
    {
        if (_heard.TryGetValue(trackKey, out var heard))
        {
            return heard;
        }

        if (_heard.Count >= MaxTracks)
        {
            Forget(ticks);
        }

        heard = new long[2 * _receivers.Length]; // per receiver: last heard, start of its current streak
        _heard.Add(trackKey, heard);
        return heard;
    }

    private void Forget(long ticks)
    {
        foreach (var (key, heard) in _heard)
        {
            var last = 0L;
            for (var r = 0; r < _receivers.Length; r++)
            {
                last = Math.Max(last, heard[r]);
            }

            if (ticks - last > _windowTicks)
            {
                _heard.Remove(key);
            }
        }

        if (_heard.Count >= MaxTracks)
        {
            _heard.Clear(); // a flood of fresh keys: start over rather than grow
        }
    }
}
