using System.Globalization;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// UTM (WGS-84) to latitude/longitude for SAPIENT locations in <c>LOCATION_COORDINATE_SYSTEM_UTM_M</c> (x = easting,
/// y = northing, metres). The zone comes from the location's own <c>utm_zone</c> when the point lies in a
/// neighbouring zone, else from the node's registration (BSI Flex 335 v2.0, LocationType.zone).
/// </summary>
public static class SapientUtm
{
    // WGS-84 ellipsoid and the UTM projection constants (NGA.SIG.0012, UTM section).
    private const double A = 6_378_137.0;
    private const double F = 1 / 298.257223563;
    private const double K0 = 0.9996;
    private const double FalseEasting = 500_000.0;
    private const double FalseNorthingSouth = 10_000_000.0;

    // Krüger's series in the third flattening n, to n^3: sub-millimetre within a zone (Karney 2011, eq. 11 and 36).
    private static readonly double s_n = F / (2 - F);
    private static readonly double s_rectifying = A / (1 + s_n) * (1 + (s_n * s_n / 4) + (Math.Pow(s_n, 4) / 64));
    private static readonly double[] s_beta =
    [
        (s_n / 2) - (2 * s_n * s_n / 3) + (37 * Math.Pow(s_n, 3) / 96),
        (s_n * s_n / 48) + (Math.Pow(s_n, 3) / 15),
        17 * Math.Pow(s_n, 3) / 480,
    ];

    private static readonly double[] s_delta =
    [
        (2 * s_n) - (2 * s_n * s_n / 3) - (2 * Math.Pow(s_n, 3)),
        (7 * s_n * s_n / 3) - (8 * Math.Pow(s_n, 3) / 5),
        56 * Math.Pow(s_n, 3) / 15,
    ];

    /// <summary>
    /// Reads a zone such as <c>31U</c>, <c>32</c> or <c>31 u</c>: the zone number 1-60 and an optional MGRS latitude
    /// band C-X (I and O excluded); bands N and above are the northern hemisphere. Without a band the northern
    /// hemisphere is assumed (every Dutch site). False when the text is not a zone.
    /// </summary>
    public static bool TryParseZone(string? text, out int zone, out bool north)
    {
        zone = 0;
        north = true;
        var s = (text ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var digits = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits]))
        {
            digits++;
        }

        if (digits is 0 or > 2 || !int.TryParse(s.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out zone) || zone is < 1 or > 60)
        {
            zone = 0;
            return false;
        }

        if (s.Length == digits)
        {
            return true;
        }

        var band = s[digits];
        if (s.Length != digits + 1 || band is < 'C' or > 'X' or 'I' or 'O')
        {
            zone = 0;
            return false;
        }

        north = band >= 'N';
        return true;
    }

    /// <summary>Converts an easting/northing in <paramref name="zone"/> to WGS-84 degrees; false when outside the projection's range.</summary>
    public static bool TryToLatLon(int zone, bool north, double easting, double northing, out double latDeg, out double lonDeg)
    {
        latDeg = lonDeg = double.NaN;
        if (zone is < 1 or > 60 || !double.IsFinite(easting) || !double.IsFinite(northing)
            || easting is < 100_000 or > 900_000 || northing is < 0 or > 10_000_000)
        {
            return false;
        }

        var xi = (northing - (north ? 0 : FalseNorthingSouth)) / (K0 * s_rectifying);
        var eta = (easting - FalseEasting) / (K0 * s_rectifying);
        var xiPrime = xi;
        var etaPrime = eta;
        for (var j = 1; j <= s_beta.Length; j++)
        {
            xiPrime -= s_beta[j - 1] * Math.Sin(2 * j * xi) * Math.Cosh(2 * j * eta);
            etaPrime -= s_beta[j - 1] * Math.Cos(2 * j * xi) * Math.Sinh(2 * j * eta);
        }

        var chi = Math.Asin(Math.Sin(xiPrime) / Math.Cosh(etaPrime));
        var phi = chi;
        for (var j = 1; j <= s_delta.Length; j++)
        {
            phi += s_delta[j - 1] * Math.Sin(2 * j * chi);
        }

        var centralMeridian = (zone * 6) - 183;
        latDeg = double.RadiansToDegrees(phi);
        lonDeg = centralMeridian + double.RadiansToDegrees(Math.Atan2(Math.Sinh(etaPrime), Math.Cos(xiPrime)));
        lonDeg = ((lonDeg + 540) % 360) - 180;
        return latDeg is >= -90 and <= 90;
    }
}
