namespace Reintegratie.Edge.Core.Fusion;

/// <summary>Small-distance geometry for correlating tracks.</summary>
internal static class GeoMath
{
    private const double MetresPerDegree = 111_320;

    /// <summary>
    /// Distance in metres by the equirectangular approximation: within the few hundred metres that matter for
    /// correlation its error is far below the sensors' own position error.
    /// </summary>
    public static double DistanceMetres(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = (lat2 - lat1) * MetresPerDegree;
        var dLon = (lon2 - lon1) * MetresPerDegree * Math.Cos((lat1 + lat2) * Math.PI / 360);
        return Math.Sqrt((dLat * dLat) + (dLon * dLon));
    }

    /// <summary>Initial great-circle bearing from point 1 to point 2, degrees clockwise from true north [0, 360).</summary>
    public static double BearingDeg(double lat1, double lon1, double lat2, double lon2)
    {
        var phi1 = lat1 * Math.PI / 180;
        var phi2 = lat2 * Math.PI / 180;
        var dLambda = (lon2 - lon1) * Math.PI / 180;
        var y = Math.Sin(dLambda) * Math.Cos(phi2);
        var x = (Math.Cos(phi1) * Math.Sin(phi2)) - (Math.Sin(phi1) * Math.Cos(phi2) * Math.Cos(dLambda));
        return ((Math.Atan2(y, x) * 180 / Math.PI) + 360) % 360;
    }
}
