using System.Collections.Concurrent;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.Tests.Privacy;

/// <summary>An IEventSink that keeps copies of everything published (thread-safe).</summary>
public sealed class CollectingSink : IEventSink
{
    private readonly ConcurrentQueue<SensorEvent> _events = new();

    public IReadOnlyList<SensorEvent> Events => [.. _events];

    public IReadOnlyList<SensorEvent> OfKind(EventKind kind) => [.. _events.Where(e => e.Kind == kind)];

    public bool PublishDrone(in EventHeader header, in DroneData drone)
    {
        var copy = drone;
        return Add(header, e => e.Drone = copy);
    }

    public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter)
    {
        var copy = perimeter;
        return Add(header, e => e.Perimeter = copy);
    }

    public bool PublishHealth(in EventHeader header, in HealthData health)
    {
        var copy = health;
        return Add(header, e => e.Health = copy);
    }

    public bool PublishHandset(in EventHeader header, in HandsetData handset)
    {
        var copy = handset;
        return Add(header, e => e.Handset = copy);
    }

    public bool PublishObject(in EventHeader header, object attachment) => Add(header, e => e.Attachment = attachment);

    private bool Add(EventHeader header, Action<SensorEvent> fill)
    {
        var e = new SensorEvent();
        e.SetHeader(header);
        fill(e);
        _events.Enqueue(e);
        return true;
    }
}
