using System.Text.Json;
using Reintegratie.Edge.Mqtt.Events;

namespace Reintegratie.Edge.Mqtt.Tests.Events;

public class EventStageTests
{
    private static MqttEventsOptions DroneOnly() => new() { Enabled = true, Kinds = ["drone"] };

    private static List<EventMessage> Drain(EventHandoff handoff)
    {
        var list = new List<EventMessage>();
        while (handoff.Reader.TryRead(out var m))
        {
            list.Add(m);
        }

        return list;
    }

    [Fact]
    public void OnEvent_SelectedKindWhileConnected_HandsOverOnItsKindTopic()
    {
        var handoff = new EventHandoff(16);
        handoff.SetConnected(true);
        using var stage = new EventStage(DroneOnly(), EventsTestSite.Topics, EventsTestSite.Site, handoff);

        stage.OnEvent(EventsTestSite.Drone(5), 0, endOfBatch: true);

        var m = Assert.Single(Drain(handoff));
        Assert.Equal("pi-edge/pi-test/gw1/events/drone", m.Topic);
        using var doc = JsonDocument.Parse(m.Payload);
        Assert.Equal(5, doc.RootElement.GetProperty("event_id").GetInt64());
        Assert.Equal(1, handoff.Enqueued);
    }

    [Fact]
    public void OnEvent_UnselectedKindsAndTicks_NothingHandedOverNothingCounted()
    {
        var handoff = new EventHandoff(16);
        handoff.SetConnected(true);
        using var stage = new EventStage(DroneOnly(), EventsTestSite.Topics, EventsTestSite.Site, handoff);

        stage.OnEvent(EventsTestSite.Tick(1), 0, endOfBatch: false);
        stage.OnEvent(EventsTestSite.Gateway(2), 1, endOfBatch: true);

        Assert.Empty(Drain(handoff));
        Assert.Equal(0, handoff.Lost);
    }

    [Fact]
    public void OnEvent_Disconnected_DroppedAndCounted()
    {
        var handoff = new EventHandoff(16);
        using var stage = new EventStage(DroneOnly(), EventsTestSite.Topics, EventsTestSite.Site, handoff);

        stage.OnEvent(EventsTestSite.Drone(1), 0, endOfBatch: true);

        Assert.Empty(Drain(handoff));
        Assert.Equal(1, handoff.DroppedDisconnected);
    }

    [Fact]
    public void OnEvent_QueueFullWhenFullDrop_ReturnsAtOnceDropsAndCountsTheRest()
    {
        var handoff = new EventHandoff(16, waitWhenFull: false);
        handoff.SetConnected(true);
        using var stage = new EventStage(DroneOnly(), EventsTestSite.Topics, EventsTestSite.Site, handoff);

        for (var i = 0; i < 100; i++)
        {
            stage.OnEvent(EventsTestSite.Drone(i), i, endOfBatch: i == 99);
        }

        var delivered = Drain(handoff);
        Assert.Equal(16, delivered.Count);
        Assert.Equal(84, handoff.DroppedFull);
        using var first = JsonDocument.Parse(delivered[0].Payload);
        Assert.Equal(0, first.RootElement.GetProperty("event_id").GetInt64()); // the oldest are kept, in order
    }
}
