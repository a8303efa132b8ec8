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
    public void OnEvent_QueueFullWhenFullWaitRingHalfFull_DropsWithoutWaitingAndCountsIt()
    {
        var handoff = new EventHandoff(16); // WhenFull wait
        handoff.SetConnected(true);
        using var stage = new EventStage(DroneOnly(), EventsTestSite.Topics, EventsTestSite.Site, handoff);
        long cursor = 1_000; // the ring (64 slots) holds published events up to here
        stage.LimitWaitToRing(() => cursor, 64);

        // Events 900..915 fill the queue; 968 and later are 32 or fewer behind the cursor (the ring is less than
        // half full behind the stage), but 920..967 are 33 or more behind: those must not wait for the broker.
        for (var i = 900; i < 916; i++)
        {
            stage.OnEvent(EventsTestSite.Drone(i), i, endOfBatch: false);
        }

        for (var i = 920; i < 968; i++)
        {
            stage.OnEvent(EventsTestSite.Drone(i), i, endOfBatch: false); // returns at once: this thread would hang if it waited
        }

        Assert.Equal(48, handoff.DroppedFull);
        Assert.Equal(48, handoff.DroppedRingPressure);
        Assert.Equal(0, handoff.FullWaits);
        Assert.Equal(16, Drain(handoff).Count);
    }

    [Fact]
    public void OnEvent_WaitingForRoomWhileTheRingFillsToHalf_StopsWaitingDropsAndCountsIt()
    {
        var handoff = new EventHandoff(4, stallAfter: TimeSpan.FromMinutes(10)); // WhenFull wait, nobody reads: the queue stays full
        handoff.SetConnected(true);
        using var stage = new EventStage(DroneOnly(), EventsTestSite.Topics, EventsTestSite.Site, handoff);
        long cursor = 10;
        stage.LimitWaitToRing(() => Volatile.Read(ref cursor), 64);
        for (var i = 0; i < 4; i++)
        {
            stage.OnEvent(EventsTestSite.Drone(i), i, endOfBatch: false);
        }

        var fifth = Task.Run(() => stage.OnEvent(EventsTestSite.Drone(4), 4, endOfBatch: true)); // waits: the ring has room
        SpinWait.SpinUntil(() => handoff.FullWaits == 1, TimeSpan.FromSeconds(30));
        Assert.Equal(1, handoff.FullWaits); // it waits: the ring has room, and the stall release is minutes away

        Volatile.Write(ref cursor, 4 + 32); // producers published 32 more: the ring behind the stage is half full

        Assert.True(fifth.Wait(TimeSpan.FromSeconds(30)), "the stage kept waiting with the ring half full");
        Assert.Equal(1, handoff.DroppedRingPressure);
        Assert.Equal(1, handoff.DroppedFull);
    }

    [Fact]
    public void OnEvent_QueueFullWhenFullWaitRingNearlyEmpty_WaitsForRoomAndLosesNothing()
    {
        var handoff = new EventHandoff(4); // WhenFull wait
        handoff.SetConnected(true);
        using var stage = new EventStage(DroneOnly(), EventsTestSite.Topics, EventsTestSite.Site, handoff);
        long cursor = 10;
        stage.LimitWaitToRing(() => Volatile.Read(ref cursor), 4096);
        var received = new List<long>();
        var reader = Task.Run(async () =>
        {
            while (received.Count < 10 && await handoff.Reader.WaitToReadAsync())
            {
                while (handoff.Reader.TryRead(out var m))
                {
                    using var doc = JsonDocument.Parse(m.Payload);
                    received.Add(doc.RootElement.GetProperty("event_id").GetInt64());
                    handoff.Dequeued();
                }
            }
        });

        for (var i = 0; i < 10; i++)
        {
            stage.OnEvent(EventsTestSite.Drone(i), i, endOfBatch: i == 9);
        }

        Assert.True(reader.Wait(TimeSpan.FromSeconds(30)), "the reader did not get all ten events");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), received);
        Assert.Equal(0, handoff.Lost);
    }

    [Fact]
    public void For_WhenFullDrop_TheHandoffDropsAtAFullQueueWithoutWaiting()
    {
        var handoff = EventHandoff.For(new MqttEventsOptions { Enabled = true, Kinds = ["drone"], QueueCapacity = 2, WhenFull = "DROP" });
        handoff.SetConnected(true);
        using var stage = new EventStage(DroneOnly(), EventsTestSite.Topics, EventsTestSite.Site, handoff);

        for (var i = 0; i < 5; i++)
        {
            stage.OnEvent(EventsTestSite.Drone(i), i, endOfBatch: i == 4); // would hang on the third if it waited
        }

        Assert.Equal(3, handoff.DroppedFull);
        Assert.Equal(0, handoff.FullWaits);
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
