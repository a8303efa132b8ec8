using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// Builders for the messages the gateway sends (RegistrationAck, Error) and the ones a node sends (used by the
/// simulator and tests). Every builder's output passes <see cref="SapientValidator"/>.
/// </summary>
public static class SapientMessages
{
    /// <summary>The envelope: timestamp, sender, optional destination.</summary>
    public static SapientMessage Envelope(Guid from, Guid? to, DateTimeOffset at)
    {
        var m = new SapientMessage { Timestamp = Timestamp.FromDateTimeOffset(at), NodeId = Text(from) };
        if (to is { } dest)
        {
            m.DestinationId = Text(dest);
        }

        return m;
    }

    /// <summary>The fusion node's answer to a registration.</summary>
    public static SapientMessage RegistrationAck(Guid gateway, Guid node, bool accepted, string? reason, DateTimeOffset at)
    {
        var m = Envelope(gateway, node, at);
        m.RegistrationAck = new Proto.RegistrationAck { Acceptance = accepted };
        if (!string.IsNullOrWhiteSpace(reason))
        {
            m.RegistrationAck.AckResponseReason.Add(reason);
        }

        return m;
    }

    /// <summary>An Error carrying the offending packet and the reason, sent back to the node.</summary>
    public static SapientMessage Error(Guid gateway, Guid? node, ReadOnlySpan<byte> packet, string reason, DateTimeOffset at)
    {
        var m = Envelope(gateway, node, at);
        m.Error = new Proto.Error { Packet = ByteString.CopyFrom(packet) };
        m.Error.ErrorMessage.Add(reason);
        return m;
    }

    /// <summary>A minimal conforming registration of a passive-RF/radar C-UAS node with one default mode.</summary>
    public static SapientMessage Registration(Guid node, string name, TimeSpan statusInterval, DateTimeOffset at)
    {
        var area = new Proto.Registration.Types.LocationType
        {
            LocationUnits = LocationCoordinateSystem.LatLngDegM,
            LocationDatum = LocationDatum.Wgs84E,
        };
        var mode = new Proto.Registration.Types.ModeDefinition
        {
            ModeName = "Default",
            ModeType = Proto.Registration.Types.ModeType.Default,
            SettleTime = Seconds(1),
            TrackingType = Proto.Registration.Types.TrackingType.Track,
            Task = new Proto.Registration.Types.TaskDefinition
            {
                ConcurrentTasks = 1,
                RegionDefinition = new Proto.Registration.Types.RegionDefinition
                {
                    RegionType = { Proto.Registration.Types.RegionType.AreaOfInterest },
                    RegionArea = { area },
                },
            },
        };
        mode.DetectionDefinition.Add(new Proto.Registration.Types.DetectionDefinition { LocationType = area.Clone() });
        var r = new Proto.Registration
        {
            IcdVersion = SapientValidator.IcdVersion,
            Name = name,
            ShortName = name.Length <= 8 ? name : name[..8],
            NodeDefinition = { new Proto.Registration.Types.NodeDefinition { NodeType = Proto.Registration.Types.NodeType.Radar } },
            Capabilities = { new Proto.Registration.Types.Capability { Category = "C-UAS", Type = "Drone detection" } },
            StatusDefinition = new Proto.Registration.Types.StatusDefinition
            {
                StatusInterval = Seconds((float)statusInterval.TotalSeconds),
                LocationDefinition = area.Clone(),
            },
            ModeDefinition = { mode },
            ConfigData = { new Proto.Registration.Types.ConfigurationData { Manufacturer = "Reintegratie", Model = "Simulated C-UAS" } },
        };
        var m = Envelope(node, null, at);
        m.Registration = r;
        return m;
    }

    /// <summary>A heartbeat.</summary>
    public static SapientMessage StatusReport(Guid node, Proto.StatusReport.Types.System system, (double Lat, double Lon)? position, DateTimeOffset at)
    {
        var s = new Proto.StatusReport { ReportId = SapientIds.NewUlid(at), System = system, Info = Proto.StatusReport.Types.Info.New, Mode = "Default" };
        if (position is { } p)
        {
            s.NodeLocation = Wgs84(p.Lat, p.Lon, null);
        }

        var m = Envelope(node, null, at);
        m.StatusReport = s;
        return m;
    }

    /// <summary>A detection at a WGS-84 position with a class (and optionally a sub-class) from the SAPIENT taxonomy.</summary>
    public static SapientMessage Detection(Guid node, string objectId, double lat, double lon, double? altitude, string className, string? subClass, float confidence, DateTimeOffset at)
    {
        var c = new DetectionReport.Types.DetectionReportClassification { Type = className, Confidence = confidence };
        if (!string.IsNullOrWhiteSpace(subClass))
        {
            c.SubClass.Add(new DetectionReport.Types.SubClass { Type = subClass, Level = 1, Confidence = confidence });
        }

        var d = new DetectionReport { ReportId = SapientIds.NewUlid(at), ObjectId = objectId, Location = Wgs84(lat, lon, altitude), DetectionConfidence = confidence };
        d.Classification.Add(c);
        var m = Envelope(node, null, at);
        m.DetectionReport = d;
        return m;
    }

    /// <summary>An alert with a description (and optionally where it is).</summary>
    public static SapientMessage Alert(Guid node, string description, (double Lat, double Lon)? position, DateTimeOffset at)
    {
        var a = new Proto.Alert { AlertId = SapientIds.NewUlid(at), AlertType = Proto.Alert.Types.AlertType.Warning, Status = Proto.Alert.Types.AlertStatus.Active, Description = description };
        if (position is { } p)
        {
            a.Location = Wgs84(p.Lat, p.Lon, null);
        }

        var m = Envelope(node, null, at);
        m.Alert = a;
        return m;
    }

    /// <summary>A WGS-84 location in degrees (x = longitude, y = latitude).</summary>
    public static Location Wgs84(double lat, double lon, double? altitude)
    {
        var l = new Location { X = lon, Y = lat, CoordinateSystem = LocationCoordinateSystem.LatLngDegM, Datum = LocationDatum.Wgs84E };
        if (altitude is { } z)
        {
            l.Z = z;
        }

        return l;
    }

    /// <summary>A UUID in the canonical form SAPIENT uses.</summary>
    public static string Text(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static Proto.Registration.Types.Duration Seconds(float value) =>
        new() { Units = Proto.Registration.Types.TimeUnits.Seconds, Value = value };
}
