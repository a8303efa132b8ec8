using System.Text.RegularExpressions;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Site;

/// <summary>
/// The resolved, immutable site layout: zones and sensors by index (events carry indexes, not strings),
/// a symmetric adjacency matrix, the geofence, zone polygons and bearing sectors. Lookups on the hot path
/// (<see cref="LocateZone"/>, <see cref="IsSameOrAdjacent"/>, <see cref="SectorZone"/>) allocate nothing.
/// </summary>
public sealed partial class SiteModel
{
    private readonly Dictionary<string, int> _zoneIndex;
    private readonly Dictionary<string, int> _sensorIndex;
    private readonly bool[,] _adjacent;
    private readonly (int Sensor, double From, double To, int Zone)[] _sectors;

    private SiteModel(string name, Zone[] zones, Sensor[] sensors, bool[,] adjacent, GeoPolygon? geofence,
        (int, double, double, int)[] sectors)
    {
        Name = name;
        Zones = zones;
        Sensors = sensors;
        _adjacent = adjacent;
        Geofence = geofence;
        _sectors = sectors;
        _zoneIndex = zones.ToDictionary(z => z.Id, z => z.Index, StringComparer.Ordinal);
        _sensorIndex = sensors.ToDictionary(s => s.Id, s => s.Index, StringComparer.Ordinal);
    }

    /// <summary>Institution name.</summary>
    public string Name { get; }

    /// <summary>Zones by index.</summary>
    public IReadOnlyList<Zone> Zones { get; }

    /// <summary>Sensors by index.</summary>
    public IReadOnlyList<Sensor> Sensors { get; }

    /// <summary>The site geofence, if configured.</summary>
    public GeoPolygon? Geofence { get; }

    /// <summary>Index of a zone id, or -1.</summary>
    public int ZoneIndexOf(string? id) => id is not null && _zoneIndex.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Index of a sensor id, or -1.</summary>
    public int SensorIndexOf(string? id) => id is not null && _sensorIndex.TryGetValue(id, out var i) ? i : -1;

    /// <summary>The zone id for an index, or null for -1.</summary>
    public string? ZoneId(int index) => index >= 0 && index < Zones.Count ? Zones[index].Id : null;

    /// <summary>The sensor id for an index, or "gateway" for -1.</summary>
    public string SensorId(int index) => index >= 0 && index < Sensors.Count ? Sensors[index].Id : "gateway";

    /// <summary>True when the zones are the same or adjacent.</summary>
    public bool IsSameOrAdjacent(int a, int b) =>
        a >= 0 && b >= 0 && (a == b || _adjacent[a, b]);

    /// <summary>True when the zones are adjacent (not the same).</summary>
    public bool AreAdjacent(int a, int b) => a >= 0 && b >= 0 && a != b && _adjacent[a, b];

    /// <summary>True when the position lies inside the geofence (no geofence configured: false).</summary>
    public bool InGeofence(double lat, double lon) => Geofence?.Contains(lat, lon) ?? false;

    /// <summary>The first zone whose polygon contains the position, or -1.</summary>
    public int LocateZone(double lat, double lon)
    {
        for (var i = 0; i < Zones.Count; i++)
        {
            if (Zones[i].Polygon is { } p && p.Contains(lat, lon))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The zone a bearing from a sensor points into, per the configured sectors, or -1.</summary>
    public int SectorZone(int sensorIndex, double bearingDeg)
    {
        var b = ((bearingDeg % 360) + 360) % 360;
        foreach (var (sensor, from, to, zone) in _sectors)
        {
            if (sensor != sensorIndex)
            {
                continue;
            }

            var inside = from <= to ? b >= from && b < to : b >= from || b < to;
            if (inside)
            {
                return zone;
            }
        }

        return -1;
    }

    /// <summary>Resolves and validates the options; a bad value throws <see cref="ConfigurationException"/> naming its key.</summary>
    public static SiteModel Build(SiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string root = SiteOptions.Section;
        Normalise(options);
        var zones = new Zone[options.Zones.Count];
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Zones.Count; i++)
        {
            var z = options.Zones[i];
            var key = $"{root}:Zones:{i}";
            RequireId(z.Id, $"{key}:Id");
            if (!ids.TryAdd(z.Id, i))
            {
                throw new ConfigurationException($"{key}:Id", $"zone id '{z.Id}' is used twice");
            }

            GeoPolygon? polygon = null;
            if (z.Polygon.Count > 0)
            {
                polygon = BuildPolygon(z.Polygon, $"{key}:Polygon");
            }

            zones[i] = new Zone(i, z.Id, string.IsNullOrWhiteSpace(z.Name) ? z.Id : z.Name, z.Kind, polygon);
        }

        var adjacent = new bool[zones.Length, zones.Length];
        for (var i = 0; i < options.Zones.Count; i++)
        {
            for (var j = 0; j < options.Zones[i].Adjacent.Count; j++)
            {
                var other = options.Zones[i].Adjacent[j];
                if (!ids.TryGetValue(other, out var k))
                {
                    throw new ConfigurationException($"{root}:Zones:{i}:Adjacent:{j}", $"unknown zone '{other}'");
                }

                adjacent[i, k] = adjacent[k, i] = k != i;
            }
        }

        var sensors = new Sensor[options.Sensors.Count];
        var sensorIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Sensors.Count; i++)
        {
            var s = options.Sensors[i];
            var key = $"{root}:Sensors:{i}";
            RequireId(s.Id, $"{key}:Id");
            if (!sensorIds.Add(s.Id))
            {
                throw new ConfigurationException($"{key}:Id", $"sensor id '{s.Id}' is used twice");
            }

            if (s.Family is SensorFamily.Unknown or SensorFamily.Gateway || !Enum.IsDefined(s.Family))
            {
                throw new ConfigurationException($"{key}:Family", "must be one of RemoteId, Sapient, RfDetector, Perimeter, Gsm, Bodycam");
            }

            var zone = -1;
            if (!string.IsNullOrEmpty(s.Zone) && !ids.TryGetValue(s.Zone, out zone))
            {
                throw new ConfigurationException($"{key}:Zone", $"unknown zone '{s.Zone}'");
            }

            if (s.ReportingSeconds < 0 || double.IsNaN(s.ReportingSeconds))
            {
                throw new ConfigurationException($"{key}:ReportingSeconds", "must be 0 (not supervised) or a positive number of seconds");
            }

            if (!(s.StallSeconds is >= 1 and <= 3600))
            {
                throw new ConfigurationException($"{key}:StallSeconds", "must be 1-3600 seconds: the longest one turn of the sensor's adapter may run");
            }

            if (s.Position is { } p)
            {
                CheckPoint(p, $"{key}:Position");
            }

            sensors[i] = new Sensor(i, s.Id, s.Family, zone, TimeSpan.FromSeconds(s.ReportingSeconds), s.Position) { StallTime = TimeSpan.FromSeconds(s.StallSeconds) };
        }

        var sectors = new (int, double, double, int)[options.Sectors.Count];
        for (var i = 0; i < options.Sectors.Count; i++)
        {
            var sec = options.Sectors[i];
            var key = $"{root}:Sectors:{i}";
            var sensor = Array.FindIndex(sensors, s => s.Id == sec.Sensor);
            if (sensor < 0)
            {
                throw new ConfigurationException($"{key}:Sensor", $"unknown sensor '{sec.Sensor}'");
            }

            if (!ids.TryGetValue(sec.Zone, out var zone))
            {
                throw new ConfigurationException($"{key}:Zone", $"unknown zone '{sec.Zone}'");
            }

            if (sec.FromDeg is < 0 or >= 360)
            {
                throw new ConfigurationException($"{key}:FromDeg", "must be in [0, 360)");
            }

            if (sec.ToDeg is < 0 or > 360)
            {
                throw new ConfigurationException($"{key}:ToDeg", "must be in [0, 360]");
            }

            sectors[i] = (sensor, sec.FromDeg, sec.ToDeg, zone);
        }

        var geofence = options.Geofence.Count > 0 ? BuildPolygon(options.Geofence, $"{root}:Geofence") : null;
        return new SiteModel(string.IsNullOrWhiteSpace(options.Name) ? "site" : options.Name, zones, sensors, adjacent, geofence, sectors);
    }

    /// <summary>JSON readers may leave lists null (<c>"Adjacent": null</c>); treat them as empty.</summary>
    private static void Normalise(SiteOptions options)
    {
        options.Zones ??= [];
        options.Sensors ??= [];
        options.Sectors ??= [];
        options.Geofence ??= [];
        foreach (var z in options.Zones)
        {
            z.Adjacent ??= [];
            z.Polygon ??= [];
            z.Id ??= string.Empty;
            z.Name ??= string.Empty;
            z.Kind ??= "perimeter";
        }

        foreach (var s in options.Sensors)
        {
            s.Id ??= string.Empty;
            s.Zone ??= string.Empty;
        }

        foreach (var s in options.Sectors)
        {
            s.Sensor ??= string.Empty;
            s.Zone ??= string.Empty;
        }
    }

    private static GeoPolygon BuildPolygon(List<GeoPoint> points, string key)
    {
        if (points.Count < 3)
        {
            throw new ConfigurationException(key, $"a polygon needs at least 3 points but has {points.Count}");
        }

        for (var i = 0; i < points.Count; i++)
        {
            CheckPoint(points[i], $"{key}:{i}");
        }

        return new GeoPolygon(points);
    }

    private static void CheckPoint(GeoPoint p, string key)
    {
        if (p.Lat is < -90 or > 90 || double.IsNaN(p.Lat))
        {
            throw new ConfigurationException($"{key}:Lat", "must be a latitude in [-90, 90]");
        }

        if (p.Lon is < -180 or > 180 || double.IsNaN(p.Lon))
        {
            throw new ConfigurationException($"{key}:Lon", "must be a longitude in [-180, 180]");
        }
    }

    private static void RequireId(string id, string key)
    {
        if (string.IsNullOrEmpty(id) || !IdPattern().IsMatch(id))
        {
            throw new ConfigurationException(key, $"'{id}' is not a valid id (1-64 of letters, digits, '-', '_')");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
