using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Core.Tests.Fusion;

/// <summary>
/// A small site: a row of perimeter zones north - east - south, a wing next to north, a yard next to nothing.
/// Each zone is a 0.001° square (about 110 m x 70 m) along longitude 5.000..5.005 at latitude 51.000.
/// </summary>
internal static class FusionTestSite
{
    public static SiteModel Build() => SiteModel.Build(new SiteOptions
    {
        Name = "PI Test",
        Geofence = Square(50.995, 4.995, 51.006, 5.010),
        Zones =
        [
            new ZoneOptions { Id = "north", Name = "Noordhek", Kind = "perimeter", Adjacent = ["east", "wing-b"], Polygon = Square(51.000, 5.000, 51.001, 5.001) },
            new ZoneOptions { Id = "east", Name = "Oosthek", Kind = "perimeter", Adjacent = ["south"], Polygon = Square(51.000, 5.001, 51.001, 5.002) },
            new ZoneOptions { Id = "south", Name = "Zuidhek", Kind = "perimeter", Polygon = Square(51.000, 5.002, 51.001, 5.003) },
            new ZoneOptions { Id = "wing-b", Name = "Afdeling B", Kind = "wing", Polygon = Square(51.000, 5.003, 51.001, 5.004) },
            new ZoneOptions { Id = "yard", Name = "Luchtplaats", Kind = "yard", Polygon = Square(51.000, 5.004, 51.001, 5.005) },
        ],
        Sectors = [new SectorOptions { Sensor = "rf-1", FromDeg = 0, ToDeg = 90, Zone = "north" }],
        Sensors =
        [
            new SensorOptions { Id = "rid-1", Family = SensorFamily.RemoteId },
            new SensorOptions { Id = "sap-1", Family = SensorFamily.Sapient },
            new SensorOptions { Id = "rf-1", Family = SensorFamily.RfDetector },
            new SensorOptions { Id = "net-1", Family = SensorFamily.Perimeter, Zone = "north" },
            new SensorOptions { Id = "hek-2", Family = SensorFamily.Perimeter, Zone = "east" },
            new SensorOptions { Id = "hek-3", Family = SensorFamily.Perimeter, Zone = "south" },
            new SensorOptions { Id = "gsm-1", Family = SensorFamily.Gsm, Zone = "wing-b" },
            new SensorOptions { Id = "bwc-1", Family = SensorFamily.Bodycam },
            new SensorOptions { Id = "hek-5", Family = SensorFamily.Perimeter, Zone = "yard" },
        ],
    });

    /// <summary>Centre of a zone's square: zone 0 north, 1 east, 2 south, 3 wing-b, 4 yard.</summary>
    public static (double Lat, double Lon) Centre(int zone) => (51.0005, 5.0005 + (zone * 0.001));

    private static List<GeoPoint> Square(double lat0, double lon0, double lat1, double lon1) =>
    [
        new GeoPoint { Lat = lat0, Lon = lon0 },
        new GeoPoint { Lat = lat0, Lon = lon1 },
        new GeoPoint { Lat = lat1, Lon = lon1 },
        new GeoPoint { Lat = lat1, Lon = lon0 },
    ];
}
