using System.Text.Json.Serialization;

namespace Reintegratie.Edge.Core.Alerts;

/// <summary>Machine-readable alert kinds (DESIGN.md, "Alert kinds"); the JSON form is the snake_case code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertKind>))]
public enum AlertKind : byte
{
    /// <summary>Drone track inside the geofence or a zone.</summary>
    [JsonStringEnumMemberName("drone_incursion")]
    DroneIncursion = 0,

    /// <summary>Net or fence alarm near a recent drone: suspected contraband drop.</summary>
    [JsonStringEnumMemberName("drone_drop_suspected")]
    DroneDropSuspected = 1,

    /// <summary>Fence alarm; escalates across adjacent zones.</summary>
    [JsonStringEnumMemberName("perimeter_breach")]
    PerimeterBreach = 2,

    /// <summary>Tamper on a perimeter input (cut or shorted loop, tamper line).</summary>
    [JsonStringEnumMemberName("perimeter_tamper")]
    PerimeterTamper = 3,

    /// <summary>A sensor stopped reporting.</summary>
    [JsonStringEnumMemberName("sensor_offline")]
    SensorOffline = 4,

    /// <summary>A sensor reports a fault (chatter, unreadable input, sensor-reported fault).</summary>
    [JsonStringEnumMemberName("sensor_fault")]
    SensorFault = 5,

    /// <summary>A new handset in a wing soon after a suspected drop there.</summary>
    [JsonStringEnumMemberName("contraband_phone_suspected")]
    ContrabandPhoneSuspected = 6,

    /// <summary>A handset detected by the GSM umbrella (no drop context).</summary>
    [JsonStringEnumMemberName("handset_detected")]
    HandsetDetected = 7,

    /// <summary>The gateway lost its path to the broker (raised locally, delivered when the path returns).</summary>
    [JsonStringEnumMemberName("broker_path_lost")]
    BrokerPathLost = 8,

    /// <summary>A zone is in maintenance (bypass): new when it starts, updated on renewal, ended when it expires.</summary>
    [JsonStringEnumMemberName("zone_bypassed")]
    ZoneBypassed = 9,
}
