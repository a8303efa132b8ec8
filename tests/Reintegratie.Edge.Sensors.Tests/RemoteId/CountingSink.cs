using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

/// <summary>An event sink that only counts drone events and accepts everything else: for floods where keeping each event would be the cost.</summary>
internal sealed class CountingSink : IEventSink
{
    public int Count { get; private set; }

    public bool PublishDrone(in EventHeader header, in DroneData drone)
    {
        Count++;
        return true;
    }

    public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter) => true;

    public bool PublishHealth(in EventHeader header, in HealthData health) => true;

    public bool PublishHandset(in EventHeader header, in HandsetData handset) => true;

    public bool PublishObject(in EventHeader header, object attachment) => true;
}
