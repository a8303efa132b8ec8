using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Sensors.Tests.Sapient;

public sealed class SapientDetectionMapperTests
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    // (52.004, 5.003) in UTM zone 31: PROJ `cs2cs +proj=longlat +datum=WGS84 +to +proj=utm +zone=31 +datum=WGS84`.
    private const double Easting31 = 637488.0278;
    private const double Northing31 = 5763377.3096;

    [Fact]
    public void Map_UtmLocationInTheRegisteredZone_PositionedInTheSiteZone()
    {
        var site = new SapientTestSite();
        var node = site.Node;
        node.UtmZone = "31U";

        SapientDetectionMapper.Map(Report(Utm(Easting31, Northing31)), node, site.Site, s_at, out var header, out var drone);

        Assert.True(drone.HasPosition);
        Assert.Equal(52.004, drone.Latitude, 1e-6);
        Assert.Equal(5.003, drone.Longitude, 1e-6);
        Assert.Equal(0, header.ZoneIndex);
    }

    [Fact]
    public void Map_UtmLocationWithItsOwnZone_OwnZoneWinsOverTheRegisteredOne()
    {
        var site = new SapientTestSite();
        var node = site.Node;
        node.UtmZone = "32U";

        // (52.0, 5.0) expressed in zone 31 by a node registered in zone 32 (the point lies in the neighbouring zone).
        var location = Utm(637294.3659, 5762926.8129);
        location.UtmZone = "31U";
        SapientDetectionMapper.Map(Report(location), node, site.Site, s_at, out _, out var drone);

        Assert.True(drone.HasPosition);
        Assert.Equal(52.0, drone.Latitude, 1e-6);
        Assert.Equal(5.0, drone.Longitude, 1e-6);
    }

    [Fact]
    public void Map_UtmLocationWithoutAnyZone_NoPositionAndTheNodesZone()
    {
        var site = new SapientTestSite();

        SapientDetectionMapper.Map(Report(Utm(Easting31, Northing31)), site.Node, site.Site, s_at, out var header, out var drone);

        Assert.False(drone.HasPosition);
        Assert.Equal(site.Site.Sensors[0].ZoneIndex, header.ZoneIndex);
    }

    [Fact]
    public void Map_LatLngDegrees_UsedAsIs()
    {
        var site = new SapientTestSite();
        var location = new Location { X = 5.003, Y = 52.004, Z = 40, CoordinateSystem = LocationCoordinateSystem.LatLngDegM, Datum = LocationDatum.Wgs84E };

        SapientDetectionMapper.Map(Report(location), site.Node, site.Site, s_at, out _, out var drone);

        Assert.Equal(52.004, drone.Latitude);
        Assert.Equal(5.003, drone.Longitude);
        Assert.Equal(40f, drone.AltitudeM);
    }

    [Fact]
    public void RegisteredUtmZone_DetectionFrameNamesAZone_ThatZone()
    {
        var registration = new Registration
        {
            StatusDefinition = new Registration.Types.StatusDefinition
            {
                LocationDefinition = new Registration.Types.LocationType { LocationUnits = LocationCoordinateSystem.UtmM, LocationDatum = LocationDatum.Wgs84E, Zone = "30U" },
            },
        };
        var mode = new Registration.Types.ModeDefinition();
        mode.DetectionDefinition.Add(new Registration.Types.DetectionDefinition
        {
            LocationType = new Registration.Types.LocationType { LocationUnits = LocationCoordinateSystem.UtmM, LocationDatum = LocationDatum.Wgs84E, Zone = "31U" },
        });
        registration.ModeDefinition.Add(mode);

        Assert.Equal("31U", SapientMessageHandler.RegisteredUtmZone(registration));
    }

    [Fact]
    public void RegisteredUtmZone_OnlyTheStatusFrameNamesOne_ThatZone()
    {
        var registration = new Registration
        {
            StatusDefinition = new Registration.Types.StatusDefinition
            {
                LocationDefinition = new Registration.Types.LocationType { LocationUnits = LocationCoordinateSystem.UtmM, LocationDatum = LocationDatum.Wgs84E, Zone = "30U" },
            },
        };

        Assert.Equal("30U", SapientMessageHandler.RegisteredUtmZone(registration));
        Assert.Null(SapientMessageHandler.RegisteredUtmZone(new Registration()));
    }

    private static Location Utm(double easting, double northing) =>
        new() { X = easting, Y = northing, CoordinateSystem = LocationCoordinateSystem.UtmM, Datum = LocationDatum.Wgs84E };

    private static DetectionReport Report(Location location) => new() { ObjectId = "01JTRACK", Location = location };
}
