using Reintegratie.Edge.Sensors.Sapient;

namespace Reintegratie.Edge.Sensors.Tests.Sapient;

public sealed class SapientUtmTests
{
    // Reference points: PROJ 9.1 `cs2cs +proj=longlat +datum=WGS84 +to +proj=utm +zone=Z [+south] +datum=WGS84`.
    [Theory]
    [InlineData(31, true, 628839.141754, 5804222.359923, 52.3731, 4.8926)] // Amsterdam, Dam
    [InlineData(31, true, 699509.610988, 5753890.793290, 51.9, 5.9)] // near the 31/32 boundary
    [InlineData(32, true, 337060.213585, 5898410.918693, 53.21, 6.56)] // Groningen, zone 32
    [InlineData(31, true, 525097.770005, 5683248.417193, 51.3, 3.36)]
    [InlineData(30, true, 699330.983944, 5710142.066598, 51.5072, -0.1276)] // west of Greenwich
    [InlineData(21, false, 373317.502255, 6170036.171295, -34.6037, -58.3816)] // southern hemisphere
    [InlineData(60, false, 300578.737904, 5919598.794268, -36.8485, 174.7633)] // zone 60, next to the antimeridian
    [InlineData(32, true, 500000.0, 11.053005, 0.0001, 9.0)] // on the equator and the central meridian
    public void TryToLatLon_ReferencePoint_MatchesProjWithinACentimetre(int zone, bool north, double easting, double northing, double lat, double lon)
    {
        Assert.True(SapientUtm.TryToLatLon(zone, north, easting, northing, out var gotLat, out var gotLon));

        // 1e-7 degrees is about 1 cm of latitude.
        Assert.Equal(lat, gotLat, 1e-7);
        Assert.Equal(lon, gotLon, 1e-7);
    }

    [Theory]
    [InlineData(0, 500000, 5000000)]
    [InlineData(61, 500000, 5000000)]
    [InlineData(31, 50000, 5000000)]
    [InlineData(31, 950000, 5000000)]
    [InlineData(31, 500000, -1)]
    [InlineData(31, double.NaN, 5000000)]
    public void TryToLatLon_OutsideTheProjection_False(int zone, double easting, double northing)
    {
        Assert.False(SapientUtm.TryToLatLon(zone, true, easting, northing, out var lat, out _));
        Assert.True(double.IsNaN(lat));
    }

    [Theory]
    [InlineData("31U", 31, true)]
    [InlineData("31u", 31, true)]
    [InlineData(" 32 U", 32, true)]
    [InlineData("31", 31, true)]
    [InlineData("21H", 21, false)]
    [InlineData("60C", 60, false)]
    [InlineData("33M", 33, false)]
    [InlineData("33N", 33, true)]
    [InlineData("1X", 1, true)]
    public void TryParseZone_ZoneWithOptionalBand_NumberAndHemisphere(string text, int zone, bool north)
    {
        Assert.True(SapientUtm.TryParseZone(text, out var gotZone, out var gotNorth));
        Assert.Equal(zone, gotZone);
        Assert.Equal(north, gotNorth);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("U")]
    [InlineData("0U")]
    [InlineData("61U")]
    [InlineData("31I")]
    [InlineData("31O")]
    [InlineData("31Y")]
    [InlineData("31UU")]
    [InlineData("131U")]
    [InlineData("31.5")]
    public void TryParseZone_NotAZone_False(string? text)
    {
        Assert.False(SapientUtm.TryParseZone(text, out var zone, out _));
        Assert.Equal(0, zone);
    }
}
