namespace Reintegratie.Edge.Core.Events;

/// <summary>A sensor's (or gateway path's) health transition.</summary>
public struct HealthData
{
    /// <summary>New status.</summary>
    public SensorStatus Status;

    /// <summary>Previous status.</summary>
    public SensorStatus Previous;

    /// <summary>Why, as a short code (e.g. "transport_closed", "heartbeat_timeout", "chatter", "broker_path_lost").</summary>
    public FixedAscii32 Reason;
}
