namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>Small spherical-earth helpers for turning a node's range and bearing into a position.</summary>
public static class SapientGeo
{
    /// <summary>Mean earth radius in metres (IUGG); the error over a few km is far below a radar's.</summary>
    public const double EarthRadiusM = 6_371_008.8;

    /// <summary>The point <paramref name="distanceM"/> from the origin along <paramref name="bearingDeg"/> (great circle).</summary>
    public static (double Lat, double Lon) Destination(double latDeg, double lonDeg, double bearingDeg, double distanceM)
    {
        var lat1 = double.DegreesToRadians(latDeg);
        var lon1 = double.DegreesToRadians(lonDeg);
        var brg = double.DegreesToRadians(bearingDeg);
        var d = distanceM / EarthRadiusM;
        var lat2 = Math.Asin((Math.Sin(lat1) * Math.Cos(d)) + (Math.Cos(lat1) * Math.Sin(d) * Math.Cos(brg)));
        var lon2 = lon1 + Math.Atan2(Math.Sin(brg) * Math.Sin(d) * Math.Cos(lat1), Math.Cos(d) - (Math.Sin(lat1) * Math.Sin(lat2)));
        var lon = double.RadiansToDegrees(lon2);
        lon = ((lon + 540) % 360) - 180;
        return (double.RadiansToDegrees(lat2), lon);
    }

    /// <summary>Initial bearing (degrees from true north) and distance (metres) from one point to another.</summary>
    public static (double BearingDeg, double DistanceM) BearingDistance(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg)
    {
        var lat1 = double.DegreesToRadians(lat1Deg);
        var lat2 = double.DegreesToRadians(lat2Deg);
        var dLat = lat2 - lat1;
        var dLon = double.DegreesToRadians(lon2Deg - lon1Deg);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        var distance = 2 * EarthRadiusM * Math.Asin(Math.Min(1, Math.Sqrt(a)));
        var y = Math.Sin(dLon) * Math.Cos(lat2);
        var x = (Math.Cos(lat1) * Math.Sin(lat2)) - (Math.Sin(lat1) * Math.Cos(lat2) * Math.Cos(dLon));
        var bearing = (double.RadiansToDegrees(Math.Atan2(y, x)) + 360) % 360;
        return (bearing, distance);
    }
}
