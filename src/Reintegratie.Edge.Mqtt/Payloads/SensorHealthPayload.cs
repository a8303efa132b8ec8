namespace Reintegratie.Edge.Mqtt.Payloads;

/// <summary>Retained <c>…/sensors/{sensorId}</c>.</summary>
/// <param name="SensorId">Sensor id.</param>
/// <param name="Family">Family code (remote_id, sapient, rf_detector, perimeter, gsm, bodycam, gateway, unknown).</param>
/// <param name="Zone">Zone id or null.</param>
/// <param name="Status">online, offline, fault or tamper.</param>
/// <param name="Reason">Short reason code.</param>
/// <param name="LastSeen">Last valid frame (start-up time when none yet).</param>
/// <param name="Since">When the status last changed.</param>
public sealed record SensorHealthPayload(
    string SensorId,
    string Family,
    string? Zone,
    string Status,
    string Reason,
    DateTimeOffset LastSeen,
    DateTimeOffset Since);
