namespace Reintegratie.Edge.Core.Events;

/// <summary>
/// Where adapters put events: the ring buffer in the gateway, a list in tests. Each call copies the values
/// into a pre-allocated slot and publishes it. Security events (everything but telemetry and ticks) are never
/// dropped: the call waits for space (bounded waits, counted). Sheddable kinds return false when the ring is full.
/// Implementations are safe for many producers at once.
/// </summary>
public interface IEventSink
{
    /// <summary>Publishes a drone detection.</summary>
    bool PublishDrone(in EventHeader header, in DroneData drone);

    /// <summary>Publishes a perimeter state change.</summary>
    bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter);

    /// <summary>Publishes a health transition (<see cref="EventKind.SensorHealth"/> or <see cref="EventKind.Gateway"/>).</summary>
    bool PublishHealth(in EventHeader header, in HealthData health);

    /// <summary>Publishes a handset detection (identifiers already pseudonymised).</summary>
    bool PublishHandset(in EventHeader header, in HandsetData handset);

    /// <summary>Publishes an event whose payload is an object (bodycam recording, operator command, telemetry).</summary>
    bool PublishObject(in EventHeader header, object attachment);
}
