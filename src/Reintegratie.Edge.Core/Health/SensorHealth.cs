using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Health;

/// <summary>One sensor's health, as published retained on <c>…/sensors/{id}</c>.</summary>
/// <param name="SensorId">Sensor id.</param>
/// <param name="Family">Family.</param>
/// <param name="Zone">Zone id or null.</param>
/// <param name="Status">Status.</param>
/// <param name="Reason">Short reason code.</param>
/// <param name="LastSeen">Last valid frame (or start-up time when none yet).</param>
/// <param name="Since">When the status last changed.</param>
public sealed record SensorHealth(string SensorId, SensorFamily Family, string? Zone, SensorStatus Status, string Reason, DateTimeOffset LastSeen, DateTimeOffset Since);
