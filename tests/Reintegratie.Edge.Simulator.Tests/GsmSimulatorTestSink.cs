using System.Collections.Concurrent;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Simulator.Tests;

/// <summary>Collects published events (for the GSM and bodycam simulator tests).</summary>
public sealed class GsmSimulatorTestSink : IEventSink
{
    public ConcurrentQueue<(EventHeader Header, HandsetData Handset, object? Attachment)> Events { get; } = new();

    public bool PublishDrone(in EventHeader header, in DroneData drone) => true;

    public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter) => true;

    public bool PublishHealth(in EventHeader header, in HealthData health) => true;

    public bool PublishHandset(in EventHeader header, in HandsetData handset)
    {
        Events.Enqueue((header, handset, null));
        return true;
    }

    public bool PublishObject(in EventHeader header, object attachment)
    {
        Events.Enqueue((header, default, attachment));
        return true;
    }

    public static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
