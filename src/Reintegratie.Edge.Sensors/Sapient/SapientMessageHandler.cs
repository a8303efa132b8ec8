using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// What a registered node's messages mean to the gateway: StatusReport is the heartbeat (and carries fault and
/// goodbye), DetectionReport is a drone event, Alert is a drone event when it says where, else a sensor fault.
/// </summary>
internal static partial class SapientMessageHandler
{
    public static void Handle(SapientMessage message, SapientNode node, AdapterContext context, DateTimeOffset now, ILogger logger)
    {
        var index = node.Sensor.Index;
        context.Health.Touch(index, now);
        switch (message.ContentCase)
        {
            case SapientMessage.ContentOneofCase.StatusReport:
                OnStatus(message.StatusReport, node, context, now);
                break;
            case SapientMessage.ContentOneofCase.DetectionReport:
                SapientDetectionMapper.Map(message.DetectionReport, node, context.Site, now, out var header, out var drone);
                context.Sink.PublishDrone(header, drone);
                break;
            case SapientMessage.ContentOneofCase.Alert:
                OnAlert(message.Alert, node, context, now);
                break;
            case SapientMessage.ContentOneofCase.Error:
                LogNodeError(logger, node.Sensor.Id, string.Join("; ", message.Error.ErrorMessage));
                break;
            default:
                LogIgnored(logger, node.Sensor.Id, message.ContentCase);
                break;
        }
    }

    /// <summary>A registration's heartbeat interval.</summary>
    public static TimeSpan? Interval(Registration.Types.Duration? d) => d?.Units switch
    {
        Registration.Types.TimeUnits.Milliseconds => TimeSpan.FromMilliseconds(d.Value),
        Registration.Types.TimeUnits.Seconds => TimeSpan.FromSeconds(d.Value),
        Registration.Types.TimeUnits.Minutes => TimeSpan.FromMinutes(d.Value),
        Registration.Types.TimeUnits.Hours => TimeSpan.FromHours(d.Value),
        _ => null,
    };

    /// <summary>
    /// The UTM zone a registration declares: the detection location frame of its first mode that names one, else the
    /// frame of its status (node) locations. Null when neither does.
    /// </summary>
    public static string? RegisteredUtmZone(Registration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var zone = registration.ModeDefinition
            .SelectMany(m => m.DetectionDefinition)
            .Select(d => d.LocationType?.Zone)
            .FirstOrDefault(z => !string.IsNullOrWhiteSpace(z));
        return zone ?? (registration.StatusDefinition?.LocationDefinition?.Zone is { Length: > 0 } z2 ? z2 : null);
    }

    private static void OnStatus(StatusReport status, SapientNode node, AdapterContext context, DateTimeOffset now)
    {
        if (status.NodeLocation is { } loc && SapientDetectionMapper.TryLatLon(loc, node, out var lat, out var lon))
        {
            node.SetReportedPosition(lat, lon);
        }

        var (state, reason) = Assess(status);
        context.Health.Report(node.Sensor.Index, state, reason, now);
    }

    /// <summary>The health a status report stands for. Tamper was withdrawn from the System enum after v7, so a
    /// status entry whose value mentions tamper is how nodes report it now.</summary>
    internal static (SensorStatus Status, string Reason) Assess(StatusReport status)
    {
        if (status.Status.Any(s => s.StatusValue.Contains("tamper", StringComparison.OrdinalIgnoreCase)))
        {
            return (SensorStatus.Tamper, "sapient_tamper");
        }

        return status.System switch
        {
            StatusReport.Types.System.Goodbye => (SensorStatus.Offline, "goodbye"),
            StatusReport.Types.System.Error => (SensorStatus.Fault, "sapient_system_error"),
            _ when status.Status.Any(s => s.StatusType == StatusReport.Types.StatusType.InternalFault && s.StatusLevel == StatusReport.Types.StatusLevel.ErrorStatus)
                => (SensorStatus.Fault, "sapient_internal_fault"),
            _ => (SensorStatus.Online, "reporting"),
        };
    }

    private static void OnAlert(Alert alert, SapientNode node, AdapterContext context, DateTimeOffset now)
    {
        if (alert.Location is not null || alert.RangeBearing is not null)
        {
            var report = new DetectionReport { ObjectId = alert.AlertId };
            if (alert.Location is { } l)
            {
                report.Location = l;
            }
            else
            {
                report.RangeBearing = alert.RangeBearing;
            }

            SapientDetectionMapper.Map(report, node, context.Site, now, out var header, out var drone);
            drone.Classification = DescribesDrone(alert.Description) ? DroneClass.UavRotaryWing : DroneClass.Unknown;
            if (alert.HasConfidence)
            {
                drone.Confidence = alert.Confidence;
            }

            context.Sink.PublishDrone(header, drone);
            return;
        }

        if (alert.Status == Alert.Types.AlertStatus.Clear)
        {
            context.Health.Report(node.Sensor.Index, SensorStatus.Online, "reporting", now);
            return;
        }

        var text = string.IsNullOrWhiteSpace(alert.Description) ? alert.AlertType.ToString() : alert.Description.Trim();
        var reason = "alert:" + text;
        context.Health.Report(node.Sensor.Index, SensorStatus.Fault, reason.Length > 32 ? reason[..32] : reason, now);
    }

    private static bool DescribesDrone(string text) =>
        text.Contains("uav", StringComparison.OrdinalIgnoreCase) || text.Contains("drone", StringComparison.OrdinalIgnoreCase)
        || text.Contains("uas", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 2320, Level = LogLevel.Warning, Message = "SAPIENT sensor {SensorId} reports an error: {Text}")]
    private static partial void LogNodeError(ILogger logger, string sensorId, string text);

    [LoggerMessage(EventId = 2321, Level = LogLevel.Debug, Message = "SAPIENT sensor {SensorId}: {Content} not used by the gateway")]
    private static partial void LogIgnored(ILogger logger, string sensorId, SapientMessage.ContentOneofCase content);
}
