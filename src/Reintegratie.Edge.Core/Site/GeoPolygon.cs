namespace Reintegratie.Edge.Core.Site;

/// <summary>
/// A closed lat/lon polygon with a bounding box, tested with the even-odd (ray casting) rule.
/// Site polygons are a few hundred metres across, so treating degrees as planar coordinates is exact enough.
/// </summary>
public sealed class GeoPolygon
{
    private readonly double[] _lat;
    private readonly double[] _lon;
    private readonly double _minLat;
    private readonly double _maxLat;
    private readonly double _minLon;
    private readonly double _maxLon;

    /// <summary>Builds the polygon; needs at least three vertices.</summary>
    public GeoPolygon(IReadOnlyList<GeoPoint> vertices)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        if (vertices.Count < 3)
        {
            throw new ArgumentException($"A polygon needs at least 3 vertices but has {vertices.Count}.", nameof(vertices));
        }

        _lat = vertices.Select(v => v.Lat).ToArray();
        _lon = vertices.Select(v => v.Lon).ToArray();
        _minLat = _lat.Min();
        _maxLat = _lat.Max();
        _minLon = _lon.Min();
        _maxLon = _lon.Max();
    }

    /// <summary>The vertices' latitudes.</summary>
    public IReadOnlyList<double> Latitudes => _lat;

    /// <summary>The vertices' longitudes.</summary>
    public IReadOnlyList<double> Longitudes => _lon;

    /// <summary>True when the point lies inside (allocation-free).</summary>
    public bool Contains(double lat, double lon)
    {
        if (lat < _minLat || lat > _maxLat || lon < _minLon || lon > _maxLon)
        {
            return false;
        }

        var inside = false;
        for (int i = 0, j = _lat.Length - 1; i < _lat.Length; j = i++)
        {
            if ((_lat[i] > lat) != (_lat[j] > lat)
                && lon < ((_lon[j] - _lon[i]) * (lat - _lat[i]) / (_lat[j] - _lat[i])) + _lon[i])
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>Centroid of the vertices (for map labels).</summary>
    public (double Lat, double Lon) Centre => (_lat.Average(), _lon.Average());
}
