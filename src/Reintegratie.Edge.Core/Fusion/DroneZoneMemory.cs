namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// The last alerted drone detection per zone (time and incursion alert id), so the drop rule can ask "was a drone
/// here or next door within the drop window?" without scanning tracks, and even after the incursion ended.
/// </summary>
internal sealed class DroneZoneMemory
{
    private readonly DateTimeOffset[] _lastAt;
    private readonly string?[] _alertId;

    public DroneZoneMemory(int zones)
    {
        _lastAt = new DateTimeOffset[zones];
        _alertId = new string?[zones];
    }

    public void Record(int zone, DateTimeOffset at, string alertId)
    {
        if (zone < 0 || zone >= _lastAt.Length)
        {
            return;
        }

        if (_alertId[zone] is null || at >= _lastAt[zone])
        {
            _lastAt[zone] = at;
            _alertId[zone] = alertId;
        }
    }

    /// <summary>
    /// The incursion alert id of the most recent drone detection in <paramref name="zone"/> or an adjacent zone
    /// within <paramref name="windowSeconds"/> of <paramref name="at"/> (either side: sensors' clocks and paths
    /// differ by a little), or null. <paramref name="droneZone"/> is where that drone was.
    /// </summary>
    public string? FindRecent(Site.SiteModel site, int zone, DateTimeOffset at, double windowSeconds, out int droneZone)
    {
        droneZone = -1;
        string? best = null;
        var bestAt = DateTimeOffset.MinValue;
        for (var z = 0; z < _lastAt.Length; z++)
        {
            if (_alertId[z] is not { } id || !site.IsSameOrAdjacent(zone, z))
            {
                continue;
            }

            if (Math.Abs((at - _lastAt[z]).TotalSeconds) <= windowSeconds && (best is null || _lastAt[z] > bestAt || (z == zone && _lastAt[z] == bestAt)))
            {
                best = id;
                bestAt = _lastAt[z];
                droneZone = z;
            }
        }

        return best;
    }
}
