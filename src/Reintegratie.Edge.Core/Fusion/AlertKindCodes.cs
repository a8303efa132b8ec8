using Reintegratie.Edge.Core.Alerts;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>The snake_case code of an alert kind, for journal notes (the JSON converter does the same for payloads).</summary>
internal static class AlertKindCodes
{
    public static string ToCode(AlertKind kind) => kind switch
    {
        AlertKind.DroneIncursion => "drone_incursion",
        AlertKind.DroneDropSuspected => "drone_drop_suspected",
        AlertKind.PerimeterBreach => "perimeter_breach",
        AlertKind.PerimeterTamper => "perimeter_tamper",
        AlertKind.SensorOffline => "sensor_offline",
        AlertKind.SensorFault => "sensor_fault",
        AlertKind.ContrabandPhoneSuspected => "contraband_phone_suspected",
        AlertKind.HandsetDetected => "handset_detected",
        AlertKind.BrokerPathLost => "broker_path_lost",
        AlertKind.ZoneBypassed => "zone_bypassed",
        _ => "unknown",
    };
}
