using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Privacy;

namespace Reintegratie.Edge.Fuzz;

/// <summary>A small site and a fixed pseudonymisation key shared by the sensor targets (built once per process).</summary>
internal static class FuzzSite
{
    public static SiteModel Model { get; } = SiteModel.Build(new SiteOptions
    {
        Name = "PI Fuzz",
        Zones =
        [
            new ZoneOptions { Id = "wing-a" },
            new ZoneOptions
            {
                Id = "Z1",
                Adjacent = ["wing-a"],
                Polygon = [new GeoPoint { Lat = 50.998, Lon = 5.864 }, new GeoPoint { Lat = 50.998, Lon = 5.872 }, new GeoPoint { Lat = 50.993, Lon = 5.868 }],
            },
        ],
        Geofence = [new GeoPoint { Lat = 51.0, Lon = 5.86 }, new GeoPoint { Lat = 51.0, Lon = 5.88 }, new GeoPoint { Lat = 50.99, Lon = 5.87 }],
        Sensors =
        [
            // Ids of the documented examples, so seeds from the protocol notes pass the sensor lookup.
            new SensorOptions { Id = "gsm-wing-a", Family = SensorFamily.Gsm, Zone = "wing-a" },
            new SensorOptions { Id = "gsm-1", Family = SensorFamily.Gsm, Zone = "Z1" },
            new SensorOptions { Id = "bodycam-dock-a", Family = SensorFamily.Bodycam },
            new SensorOptions { Id = "rid-1", Family = SensorFamily.RemoteId, Zone = "Z1" },
            new SensorOptions { Id = "sapient-radar-1", Family = SensorFamily.Sapient, Position = new GeoPoint { Lat = 50.996, Lon = 5.868 } },
        ],
    });

    // A fixed key: the fuzz targets check parsing, not secrecy; two keys exercise the rotation path.
    public static Pseudonymiser Pseudonymiser { get; } =
        new(Enumerable.Range(1, PrivacyKeyFile.KeySize).Select(i => (byte)i).ToArray(), 2,
            Enumerable.Range(101, PrivacyKeyFile.KeySize).Select(i => (byte)i).ToArray(), 1);
}
