using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Pipeline;

namespace Reintegratie.Edge.Core.Tests.Pipeline;

public sealed class RingBufferTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Constructor_CapacityNotPowerOfTwo_Throws(int capacity)
    {
        var ex = Assert.Throws<ArgumentException>(() => new RingBuffer<LongSlot>(capacity, () => new LongSlot()));
        Assert.Contains("power of two", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PreFillsEverySlotOnce()
    {
        var created = 0;
        var ring = new RingBuffer<LongSlot>(8, () => { created++; return new LongSlot(); });

        Assert.Equal(8, created);
        Assert.Same(ring[0], ring[8]); // slot reuse by mask
        Assert.NotSame(ring[0], ring[1]);
    }

    [Fact]
    public void TryNext_FullRing_ReturnsFalseUntilConsumerAdvances()
    {
        var ring = new RingBuffer<LongSlot>(4, () => new LongSlot());
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);

        for (var i = 0; i < 4; i++)
        {
            Assert.True(ring.TryNext(out var s));
            ring.Publish(s);
        }

        Assert.False(ring.TryNext(out _));

        consumer.Value = 0; // consumer finished slot 0
        Assert.True(ring.TryNext(out var next));
        Assert.Equal(4, next);
    }

    [Fact]
    public void Consumer_WrapsAroundManyTimes_SeesEveryValueInOrder()
    {
        var ring = new RingBuffer<LongSlot>(8, () => new LongSlot());
        var handler = new RecordingHandler();
        var stage = new EventProcessor<LongSlot>("c", ring, ring.NewBarrier(), handler, NullLogger.Instance);
        ring.AddGatingSequences(stage.Sequence);
        using var cts = new CancellationTokenSource();
        stage.Start(cts.Token);

        const int total = 10_000; // 1250 laps of an 8-slot ring
        for (long i = 0; i < total; i++)
        {
            var s = ring.Next();
            ring[s].Value = i;
            ring.Publish(s);
        }

        Assert.True(handler.WaitForCount(total, s_timeout));
        cts.Cancel();
        Assert.True(stage.Join(s_timeout));
        Assert.Equal(Enumerable.Range(0, total).Select(i => (long)i), handler.Seen.Select(x => x.Value));
        Assert.True(handler.ShutdownCalled);
    }

    [Fact]
    public void Consumer_EndOfBatch_IsSetOnLastAvailableSlot()
    {
        var ring = new RingBuffer<LongSlot>(16, () => new LongSlot());
        var handler = new RecordingHandler();
        var stage = new EventProcessor<LongSlot>("c", ring, ring.NewBarrier(), handler, NullLogger.Instance);
        ring.AddGatingSequences(stage.Sequence);
        for (var i = 0; i < 5; i++)
        {
            var s = ring.Next();
            ring[s].Value = i;
            ring.Publish(s);
        }

        using var cts = new CancellationTokenSource();
        stage.Start(cts.Token); // starts with all five available: one batch

        Assert.True(handler.WaitForCount(5, s_timeout));
        cts.Cancel();
        stage.Join(s_timeout);
        Assert.Equal([false, false, false, false, true], handler.Seen.Select(x => x.EndOfBatch));
    }

    [Fact]
    public void SecondStage_NeverPassesFirstStage_AndSlowestGatesProducers()
    {
        var ring = new RingBuffer<LongSlot>(8, () => new LongSlot());
        var first = new RecordingHandler(startBlocked: true);
        var second = new RecordingHandler();
        var s1 = new EventProcessor<LongSlot>("first", ring, ring.NewBarrier(), first, NullLogger.Instance);
        var s2 = new EventProcessor<LongSlot>("second", ring, ring.NewBarrier(s1.Sequence), second, NullLogger.Instance);
        ring.AddGatingSequences(s2.Sequence);
        using var cts = new CancellationTokenSource();
        s1.Start(cts.Token);
        s2.Start(cts.Token);

        for (var i = 0; i < 8; i++)
        {
            var s = ring.Next();
            ring[s].Value = i;
            ring.Publish(s);
        }

        // The first stage is blocked: the ring is full, the second stage has seen nothing.
        Assert.False(ring.TryNext(out _));
        Assert.Equal(0, second.Count);

        first.Release();
        Assert.True(second.WaitForCount(8, s_timeout));
        Assert.True(ring.TryNext(TimeSpan.FromSeconds(30), CancellationToken.None, out var next));
        Assert.Equal(8, next);
        ring.Publish(next);
        cts.Cancel();
        s1.Join(s_timeout);
        s2.Join(s_timeout);
    }

    [Fact]
    public void TryNextWithTimeout_FullRingNobodyConsumes_ReturnsFalse()
    {
        var ring = new RingBuffer<LongSlot>(2, () => new LongSlot());
        ring.AddGatingSequences(new Sequence());
        ring.Publish(ring.Next());
        ring.Publish(ring.Next());

        Assert.False(ring.TryNext(TimeSpan.FromMilliseconds(20), CancellationToken.None, out var s));
        Assert.Equal(-1, s);
    }

    [Fact]
    public void Next_FullRingCancelled_ThrowsOperationCanceled()
    {
        var ring = new RingBuffer<LongSlot>(2, () => new LongSlot());
        ring.AddGatingSequences(new Sequence());
        ring.Publish(ring.Next());
        ring.Publish(ring.Next());
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => ring.Next(cts.Token));
    }

    [Fact]
    public void Consumer_UnpublishedGap_WaitsForTheGapBeforeReadingLaterSlots()
    {
        var ring = new RingBuffer<LongSlot>(8, () => new LongSlot());
        var handler = new RecordingHandler();
        var stage = new EventProcessor<LongSlot>("c", ring, ring.NewBarrier(), handler, NullLogger.Instance);
        ring.AddGatingSequences(stage.Sequence);
        using var cts = new CancellationTokenSource();
        stage.Start(cts.Token);

        var a = ring.Next(); // claimed, published last
        var b = ring.Next();
        ring[b].Value = 2;
        ring.Publish(b);
        Assert.False(handler.WaitForCount(1, TimeSpan.FromMilliseconds(100)));

        ring[a].Value = 1;
        ring.Publish(a);
        Assert.True(handler.WaitForCount(2, s_timeout));
        Assert.Equal([1L, 2L], handler.Seen.Select(x => x.Value));
        cts.Cancel();
        stage.Join(s_timeout);
    }

    [Fact]
    public void Stage_HandlerThrows_EventSkippedCountedAndStageContinues()
    {
        var ring = new RingBuffer<LongSlot>(8, () => new LongSlot());
        var handler = new RecordingHandler(throwOn: v => v == 3);
        var stage = new EventProcessor<LongSlot>("c", ring, ring.NewBarrier(), handler, NullLogger.Instance);
        ring.AddGatingSequences(stage.Sequence);
        using var cts = new CancellationTokenSource();
        stage.Start(cts.Token);

        for (var i = 0; i < 6; i++)
        {
            var s = ring.Next();
            ring[s].Value = i;
            ring.Publish(s);
        }

        Assert.True(handler.WaitForCount(5, s_timeout));
        cts.Cancel();
        Assert.True(stage.Join(s_timeout));
        Assert.Equal([0L, 1L, 2L, 4L, 5L], handler.Seen.Select(x => x.Value));
        Assert.Equal(1, stage.Failed);
    }

    [Fact]
    public void Stage_Idle_BlocksAndStopsOnCancellation()
    {
        var ring = new RingBuffer<LongSlot>(8, () => new LongSlot());
        var handler = new RecordingHandler();
        var stage = new EventProcessor<LongSlot>("idle", ring, ring.NewBarrier(), handler, NullLogger.Instance);
        using var cts = new CancellationTokenSource();
        stage.Start(cts.Token);

        // An idle stage must end up blocked (no CPU), not spinning: wait for that state, generously. The stage sleeps
        // on a futex, which the runtime's ThreadState does not see; the strategy counts a thread once it stopped spinning.
        var strategy = Assert.IsType<SpinThenBlockWaitStrategy>(ring.WaitStrategy);
        var blocked = SpinWait.SpinUntil(() => strategy.BlockedWaiters == 1, TimeSpan.FromSeconds(30));
        Assert.True(blocked);
        cts.Cancel();
        Assert.True(stage.Join(s_timeout));
        Assert.True(handler.ShutdownCalled);
    }
}
