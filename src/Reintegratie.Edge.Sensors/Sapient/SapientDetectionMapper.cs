using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// Turns a (validated) DetectionReport into a drone event. Positions: a Location in WGS-84 degrees or radians is
/// used as is (x = longitude, y = latitude); a UTM location (x = easting, y = northing) is converted in its own zone or
/// the node's registered one (<see cref="SapientUtm"/>); a RangeBearing becomes a bearing and, when it has a range and
/// the node's origin is known, a position too. A location that cannot be placed keeps the node's zone.
/// </summary>
public static class SapientDetectionMapper
{
    /// <summary>Fills <paramref name="header"/> and <paramref name="drone"/> for one report.</summary>
    public static void Map(DetectionReport report, SapientNode node, SiteModel site, DateTimeOffset at, out EventHeader header, out DroneData drone)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(site);
        drone = DroneData.Unknown;
        drone.TrackId.Set(report.ObjectId);
        drone.TrackKey = drone.TrackId.StableHash();
        (drone.Classification, drone.Confidence) = SapientClassifier.Classify(report.Classification);
        if (float.IsNaN(drone.Confidence) && report.HasDetectionConfidence)
        {
            drone.Confidence = report.DetectionConfidence;
        }

        if (report.Location is { } loc)
        {
            ApplyLocation(loc, node, ref drone);
        }
        else if (report.RangeBearing is { } rb)
        {
            ApplyRangeBearing(rb, node.Origin, ref drone);
        }

        if (report.EnuVelocity is { } v)
        {
            // ENU rates in m/s (SPEED_UNITS_MS is what every node we know registers).
            drone.SpeedMps = (float)Math.Sqrt((v.EastRate * v.EastRate) + (v.NorthRate * v.NorthRate));
            drone.HeadingDeg = (float)((double.RadiansToDegrees(Math.Atan2(v.EastRate, v.NorthRate)) + 360) % 360);
        }

        if (report.Signal.Count > 0)
        {
            // Signal frequencies are reported in Hz and amplitude in dBm by the RF nodes we accept.
            drone.FrequencyMhz = report.Signal[0].CentreFrequency / 1e6f;
            drone.RssiDbm = report.Signal[0].Amplitude;
        }

        var zone = drone.HasPosition ? site.LocateZone(drone.Latitude, drone.Longitude)
            : drone.HasBearing ? site.SectorZone(node.Sensor.Index, drone.BearingDeg)
            : -1;
        if (zone < 0 && !drone.HasPosition)
        {
            zone = node.Sensor.ZoneIndex; // nothing better than where the sensor is
        }

        header = new EventHeader(EventKind.DroneDetection, SensorFamily.Sapient, node.Sensor.Index, zone, at);
    }

    /// <summary>
    /// A location in WGS-84 degrees: LAT_LNG_* as is, UTM_M through the location's or the node's UTM zone. False when
    /// the frame is unknown, the UTM zone missing or the result off the globe.
    /// </summary>
    public static bool TryLatLon(Location loc, SapientNode node, out double lat, out double lon)
    {
        ArgumentNullException.ThrowIfNull(loc);
        ArgumentNullException.ThrowIfNull(node);
        lat = lon = double.NaN;
        switch (loc.CoordinateSystem)
        {
            case LocationCoordinateSystem.LatLngDegM:
                (lat, lon) = (loc.Y, loc.X);
                break;
            case LocationCoordinateSystem.LatLngRadM:
                (lat, lon) = (double.RadiansToDegrees(loc.Y), double.RadiansToDegrees(loc.X));
                break;
            case LocationCoordinateSystem.UtmM:
                var zoneText = string.IsNullOrWhiteSpace(loc.UtmZone) ? node.UtmZone : loc.UtmZone;
                if (!SapientUtm.TryParseZone(zoneText, out var zone, out var north)
                    || !SapientUtm.TryToLatLon(zone, north, loc.X, loc.Y, out lat, out lon))
                {
                    return false;
                }

                break;
            default:
                return false;
        }

        return lat is >= -90 and <= 90 && lon is >= -180 and <= 180;
    }

    private static void ApplyLocation(Location loc, SapientNode node, ref DroneData drone)
    {
        if (!TryLatLon(loc, node, out var lat, out var lon))
        {
            return;
        }

        drone.HasPosition = true;
        drone.Latitude = lat;
        drone.Longitude = lon;
        if (loc.HasZ)
        {
            drone.AltitudeM = (float)loc.Z;
        }
    }

    private static void ApplyRangeBearing(RangeBearing rb, (double Lat, double Lon)? origin, ref DroneData drone)
    {
        var (angle, distance) = rb.CoordinateSystem switch
        {
            RangeBearingCoordinateSystem.DegreesM => (1.0, 1.0),
            RangeBearingCoordinateSystem.RadiansM => (180.0 / Math.PI, 1.0),
            RangeBearingCoordinateSystem.DegreesKm => (1.0, 1000.0),
            RangeBearingCoordinateSystem.RadiansKm => (180.0 / Math.PI, 1000.0),
            _ => (double.NaN, double.NaN),
        };
        if (double.IsNaN(angle) || !rb.HasAzimuth)
        {
            return;
        }

        // Datum TRUE and GRID are taken as true north (grid convergence is < 1 degree across a site); MAGNETIC
        // and PLATFORM cannot be corrected without declination or heading and are used as given.
        var bearing = ((rb.Azimuth * angle % 360) + 360) % 360;
        drone.HasBearing = true;
        drone.BearingDeg = (float)bearing;
        var elevation = rb.HasElevation ? rb.Elevation * angle : double.NaN;
        drone.ElevationDeg = (float)elevation;
        if (!rb.HasRange || rb.Range < 0)
        {
            return;
        }

        var range = rb.Range * distance;
        drone.RangeM = (float)range;
        var ground = double.IsNaN(elevation) ? range : range * Math.Cos(double.DegreesToRadians(elevation));
        if (!double.IsNaN(elevation))
        {
            drone.HeightM = (float)(range * Math.Sin(double.DegreesToRadians(elevation)));
        }

        if (origin is { } o)
        {
            (drone.Latitude, drone.Longitude) = SapientGeo.Destination(o.Lat, o.Lon, bearing, ground);
            drone.HasPosition = true;
        }
    }
}
