using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Mqtt.Events;

namespace Reintegratie.Edge.Mqtt.Tests.Events;

public sealed class EventHandoffTests
{
    private static EventMessage Message(int n) => new(EventStage.Topic(EventsTestSite.Topics, EventKind.DroneDetection), new byte[] { (byte)n });

    [Fact]
    public void TryEnqueue_DirectPathTakesIt_NothingQueued()
    {
        var handoff = new EventHandoff(16);
        handoff.SetConnected(true);
        var direct = new List<int>();
        handoff.SetDirect(m => { direct.Add(m.Payload.Span[0]); return true; });

        Assert.True(handoff.TryEnqueue(Message(1)));

        Assert.Equal([1], direct);
        Assert.False(handoff.Reader.TryRead(out _));
        Assert.Equal(1, handoff.Enqueued);
    }

    [Fact]
    public void TryEnqueue_DirectPathRefuses_QueuedInstead()
    {
        var handoff = new EventHandoff(16);
        handoff.SetConnected(true);
        handoff.SetDirect(_ => false); // no in-flight slot free

        Assert.True(handoff.TryEnqueue(Message(1)));

        Assert.True(handoff.Reader.TryRead(out var queued));
        Assert.Equal(1, queued.Payload.Span[0]);
    }

    [Fact]
    public void TryEnqueue_EarlierEventsStillQueued_LaterOnesQueueBehindThemUntilTheReaderCatchesUp()
    {
        var handoff = new EventHandoff(16);
        handoff.SetConnected(true);
        var accept = false;
        var direct = new List<int>();
        handoff.SetDirect(m =>
        {
            if (accept)
            {
                direct.Add(m.Payload.Span[0]);
            }

            return accept;
        });
        Assert.True(handoff.TryEnqueue(Message(1))); // refused: queued

        accept = true;
        Assert.True(handoff.TryEnqueue(Message(2))); // must not overtake 1

        Assert.Empty(direct);
        Assert.True(handoff.Reader.TryRead(out var first));
        handoff.Dequeued();
        Assert.True(handoff.Reader.TryRead(out var second));
        handoff.Dequeued();
        Assert.Equal([1, 2], new[] { (int)first.Payload.Span[0], second.Payload.Span[0] });

        Assert.True(handoff.TryEnqueue(Message(3))); // queue drained: direct again
        Assert.Equal([3], direct);
    }

    [Fact]
    public void TryEnqueue_Disconnected_DirectPathNotTried()
    {
        var handoff = new EventHandoff(16);
        var tried = false;
        handoff.SetDirect(_ => tried = true);

        Assert.False(handoff.TryEnqueue(Message(1)));

        Assert.False(tried);
        Assert.Equal(1, handoff.DroppedDisconnected);
    }
}
