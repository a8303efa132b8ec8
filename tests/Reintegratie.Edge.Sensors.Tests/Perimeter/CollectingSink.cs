using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.Tests.Perimeter;

/// <summary>An event sink that keeps perimeter and health events in order (thread-safe).</summary>
internal sealed class CollectingSink : IEventSink
{
    private readonly object _gate = new();
    private readonly List<(EventHeader Header, PerimeterData Data)> _perimeter = [];
    private readonly List<(EventHeader Header, HealthData Data)> _health = [];

    public IReadOnlyList<(EventHeader Header, PerimeterData Data)> Perimeter
    {
        get { lock (_gate) { return _perimeter.ToList(); } }
    }

    public IReadOnlyList<(EventHeader Header, HealthData Data)> Health
    {
        get { lock (_gate) { return _health.ToList(); } }
    }

    public IReadOnlyList<PerimeterState> States => Perimeter.Select(p => p.Data.State).ToList();

    public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter)
    {
        lock (_gate)
        {
            _perimeter.Add((header, perimeter));
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

    public bool PublishDrone(in EventHeader header, in DroneData drone) => true;

    public bool PublishHandset(in EventHeader header, in HandsetData handset) => true;

    public bool PublishObject(in EventHeader header, object attachment) => true;

    public void Clear()
    {
        lock (_gate)
        {
            _perimeter.Clear();
            _health.Clear();
        }
    }
}
