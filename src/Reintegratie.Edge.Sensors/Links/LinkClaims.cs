namespace Reintegratie.Edge.Sensors.Links;

/// <summary>
/// One live link per sensor. A second link for a sensor is refused while the first one is alive; it replaces the
/// first only when that one has been silent for longer than the sensor's reporting time (or the idle timeout when the
/// sensor has none), that is, when it is dead and only its socket has not noticed yet.
/// </summary>
internal sealed class LinkClaims
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, SensorLink> _holders = [];
    private readonly Func<int, TimeSpan> _deadAfter;
    private readonly TimeProvider _time;

    public LinkClaims(Func<int, TimeSpan> deadAfter, TimeProvider time)
    {
        _deadAfter = deadAfter;
        _time = time;
    }

    /// <summary>Raised (outside the lock) when a dead link was replaced: sensor index.</summary>
    public event Action<int, SensorLink>? Replaced;

    public LinkClaim Claim(SensorLink link, int sensor)
    {
        if (!link.MaySpeakFor(sensor))
        {
            return LinkClaim.Forged;
        }

        SensorLink? dead = null;
        lock (_gate)
        {
            if (_holders.TryGetValue(sensor, out var holder) && !ReferenceEquals(holder, link))
            {
                if (_time.GetElapsedTime(holder.LinkStream.LastActivity).TotalSeconds <= _deadAfter(sensor).TotalSeconds)
                {
                    return LinkClaim.Duplicate;
                }

                dead = holder;
            }

            _holders[sensor] = link;
        }

        if (dead is not null)
        {
            dead.Close();
            Replaced?.Invoke(sensor, dead);
        }

        return LinkClaim.Held;
    }

    /// <summary>Whether <paramref name="link"/> holds <paramref name="sensor"/>.</summary>
    public bool Holds(SensorLink link, int sensor)
    {
        lock (_gate)
        {
            return _holders.TryGetValue(sensor, out var holder) && ReferenceEquals(holder, link);
        }
    }

    /// <summary>The link ended: the sensors it still held (a replaced link holds none).</summary>
    public List<int> Release(SensorLink link)
    {
        var released = new List<int>();
        lock (_gate)
        {
            foreach (var (sensor, holder) in _holders)
            {
                if (ReferenceEquals(holder, link))
                {
                    released.Add(sensor);
                }
            }

            foreach (var sensor in released)
            {
                _holders.Remove(sensor);
            }
        }

        return released;
    }
}
