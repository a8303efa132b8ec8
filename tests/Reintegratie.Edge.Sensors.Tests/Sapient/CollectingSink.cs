using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.Tests.Sapient;

/// <summary>Keeps every published event (thread-safe).</summary>
internal sealed class CollectingSink : IEventSink
{
    private readonly Lock _gate = new();
    private readonly List<(EventHeader Header, DroneData Drone)> _drones = [];
    private readonly List<(EventHeader Header, HealthData Health)> _health = [];

    public IReadOnlyList<(EventHeader Header, DroneData Drone)> Drones
    {
        get
        {
            lock (_gate)
            {
                return _drones.ToList();
            }
        }
    }

    public IReadOnlyList<(EventHeader Header, HealthData Health)> Health
    {
        get
        {
            lock (_gate)
            {
                return _health.ToList();
            }
        }
    }

    public bool PublishDrone(in EventHeader header, in DroneData drone)
    {
        lock (_gate)
        {
            _drones.Add((header, drone));
        }

        return true;
    }

    public bool PublishHealth(in EventHeader header, in HealthData health)
    {
        lock (_gate)
        {
            _health.Add((header, health));
        }

        return true;
    }

    public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter) => true;

    public bool PublishHandset(in EventHeader header, in HandsetData handset) => true;

    public bool PublishObject(in EventHeader header, object attachment) => true;
}
