using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Simulator.Tests;

/// <summary>Collects perimeter events into a list shared with the rig (thread-safe).</summary>
internal sealed class PerimeterSimulatorSink(List<(EventHeader Header, PerimeterData Data)> events) : IEventSink
{
    public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter)
    {
        lock (events)
        {
            events.Add((header, perimeter));
        }

        return true;
    }

    public bool PublishHealth(in EventHeader header, in HealthData health) => true;

    public bool PublishDrone(in EventHeader header, in DroneData drone) => true;

    public bool PublishHandset(in EventHeader header, in HandsetData handset) => true;

    public bool PublishObject(in EventHeader header, object attachment) => true;
}
