using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>Takes the publisher's gateway events (broker path) and drops them: the drain benchmark has no pipeline.</summary>
internal sealed class NullEventSink : IEventSink
{
    public bool PublishDrone(in EventHeader header, in DroneData drone) => true;

    public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter) => true;

    public bool PublishHealth(in EventHeader header, in HealthData health) => true;

    public bool PublishHandset(in EventHeader header, in HandsetData handset) => true;

    public bool PublishObject(in EventHeader header, object attachment) => true;
}
