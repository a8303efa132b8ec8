using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Fusion;

namespace Reintegratie.Edge.Core.Tests.Fusion;

public class FusionEngineAllocationTests
{
    [Fact]
    public void SteadyDroneAndContactStream_NoRevision_AllocatesNothing()
    {
        var h = new FusionHarness(new FusionOptions { UpdateMinIntervalSeconds = 3600, PerimeterQuietSeconds = 3600 });
        h.Drone("rid-1", 0, "D1", zone: 0);
        h.Perimeter("hek-5", 0, PerimeterState.Alarm); // yard: a breach, not a drop
        var drone = h.New(EventKind.DroneDetection, "rid-1", 0);
        drone.Drone = DroneData.Unknown;
        drone.Drone.TrackId = FixedAscii32.From("D1");
        drone.Drone.TrackKey = drone.Drone.TrackId.StableHash();
        drone.Drone.HasPosition = true;
        (drone.Drone.Latitude, drone.Drone.Longitude) = FusionTestSite.Centre(0);
        var contact = h.New(EventKind.Perimeter, "hek-5", 0);
        var tick = h.New(EventKind.Tick, null, 0);
        var changes = h.Sink.Changes.Count;

        void Stream(int from, int count)
        {
            for (var i = from; i < from + count; i++)
            {
                var at = FusionHarness.T0.AddMilliseconds(i * 10); // 100 events/s: 30 s per 3,000, sweeps included
                drone.At = at;
                drone.EventId = i;
                drone.Drone.Latitude += 1e-8;
                h.Engine.OnEvent(drone, i, false);
                contact.At = at;
                contact.EventId = i;
                contact.Perimeter.State = (i & 1) == 0 ? PerimeterState.Alarm : PerimeterState.Normal;
                h.Engine.OnEvent(contact, i, false);
                tick.At = at;
                h.Engine.OnEvent(tick, i, true);
            }
        }

        Stream(1, 3000); // warm-up: JIT, tiering
        var before = GC.GetAllocatedBytesForCurrentThread();
        Stream(3001, 3000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(changes, h.Sink.Changes.Count);
        Assert.Equal(0, allocated);
    }
}
