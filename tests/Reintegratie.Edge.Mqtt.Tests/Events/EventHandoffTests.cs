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

    [Fact]
    public async Task TryEnqueue_QueueFullWhenFullWait_WriterWaitsForRoomAndNothingIsLostOrReordered()
    {
        var handoff = new EventHandoff(16);
        handoff.SetConnected(true);

        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                Assert.True(handoff.TryEnqueue(Message(i)));
            }
        });
        // The reader starts only once the writer has found the queue full, so the wait path runs in every run.
        Assert.True(SpinWait.SpinUntil(() => handoff.FullWaits > 0 || writer.IsCompleted, TimeSpan.FromSeconds(30)));
        var read = new List<int>();
        while (read.Count < 200)
        {
            var message = await handoff.Reader.ReadAsync();
            handoff.Dequeued();
            read.Add(message.Payload.Span[0]);
        }

        await writer;
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i & 0xFF), read);
        Assert.True(handoff.FullWaits > 0);
        Assert.Equal(200, handoff.Enqueued);
        Assert.Equal(0, handoff.Lost);
    }

    [Fact]
    public async Task TryEnqueue_WaitingForRoomWhenTheSessionEnds_DroppedAsDisconnectedAndTheWriterReleased()
    {
        var handoff = new EventHandoff(16);
        handoff.SetConnected(true);
        for (var i = 0; i < 16; i++)
        {
            Assert.True(handoff.TryEnqueue(Message(i)));
        }

        var writer = Task.Run(() => handoff.TryEnqueue(Message(16)));
        Assert.True(SpinWait.SpinUntil(() => handoff.FullWaits > 0, TimeSpan.FromSeconds(30)));

        // What the feed does when its session ends: refuse, then drop what is queued (which makes room).
        handoff.SetConnected(false);
        while (handoff.Reader.TryRead(out _))
        {
            handoff.CountDisconnected();
            handoff.Dequeued();
        }

        Assert.False(await writer);
        Assert.Equal(17, handoff.DroppedDisconnected);
        Assert.Equal(0, handoff.DroppedFull);
        Assert.Equal(16, handoff.Enqueued);
    }

    [Fact]
    public void TryEnqueue_FeedTakesNothingForTheStallPeriod_DroppedAsFullAndLaterEventsDoNotWaitUntilHalfDrained()
    {
        var handoff = new EventHandoff(16, stallAfter: TimeSpan.FromMilliseconds(300));
        handoff.SetConnected(true);
        for (var i = 0; i < 16; i++)
        {
            Assert.True(handoff.TryEnqueue(Message(i)));
        }

        Assert.False(handoff.TryEnqueue(Message(16))); // waited, nothing moved: a broker that acknowledges nothing
        Assert.False(handoff.TryEnqueue(Message(17))); // stalled: dropped without waiting
        Assert.Equal(1, handoff.FullWaits);
        Assert.Equal(1, handoff.Stalls);
        Assert.Equal(2, handoff.DroppedFull);

        for (var i = 0; i < 8; i++)
        {
            Assert.True(handoff.Reader.TryRead(out _));
            handoff.Dequeued();
        }

        Assert.True(handoff.TryEnqueue(Message(18))); // half drained: waiting again when full
        Assert.Equal(0, handoff.DroppedDisconnected);
    }
}
