namespace Reintegratie.Edge.Core.Events;

/// <summary>Health of a sensor or of a gateway path, as published on <c>…/sensors/{id}</c>.</summary>
public enum SensorStatus : byte
{
    /// <summary>Reporting within its reporting time.</summary>
    Online = 0,
    /// <summary>Not reporting (transport down, no heartbeat within the reporting time).</summary>
    Offline = 1,
    /// <summary>Reporting but faulty (parse failures, chatter, unreadable input).</summary>
    Fault = 2,
    /// <summary>Tamper reported by the sensor.</summary>
    Tamper = 3,
}
