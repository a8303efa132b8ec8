using Reintegratie.Edge.Core.Pipeline;

namespace Reintegratie.Edge.Core.Tests.Pipeline;

public sealed class SpinThenBlockWaitStrategyTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void WaitFor_SequenceAlreadyReached_ReturnsHighestAvailable()
    {
        var strategy = new SpinThenBlockWaitStrategy();
        var cursor = new Sequence(5);

        Assert.Equal(5, strategy.WaitFor(3, cursor, [], CancellationToken.None));
        Assert.Equal(0, strategy.BlockedWaiters);
    }

    [Fact]
    public void WaitFor_DependencyBehindCursor_ReturnsTheDependency()
    {
        var strategy = new SpinThenBlockWaitStrategy();

        Assert.Equal(4, strategy.WaitFor(2, new Sequence(9), [new Sequence(4), new Sequence(7)], CancellationToken.None));
    }

    [Fact]
    public void Signal_BlockedWaiterReached_WakesIt()
    {
        var strategy = new SpinThenBlockWaitStrategy(TimeSpan.Zero);
        var cursor = new Sequence();
        var waiter = Task.Factory.StartNew(() => strategy.WaitFor(0, cursor, [], CancellationToken.None), TaskCreationOptions.LongRunning);
        Assert.True(SpinWait.SpinUntil(() => strategy.BlockedWaiters == 1, s_timeout));

        cursor.Value = 0;
        strategy.SignalAllWhenBlocking();

        Assert.True(waiter.Wait(s_timeout));
        Assert.Equal(0, waiter.Result);
        Assert.Equal(0, strategy.BlockedWaiters);
    }

    [Fact]
    public void Signal_ProgressOnlyOneWaiterNeeds_WakesOnlyThatWaiter()
    {
        var strategy = new SpinThenBlockWaitStrategy(TimeSpan.Zero);
        var cursor = new Sequence();
        var firstStage = new Sequence();
        using var cts = new CancellationTokenSource();
        var first = Task.Factory.StartNew(() => strategy.WaitFor(0, cursor, [], cts.Token), TaskCreationOptions.LongRunning);
        var second = Task.Factory.StartNew(() => strategy.WaitFor(0, cursor, [firstStage], cts.Token), TaskCreationOptions.LongRunning);
        Assert.True(SpinWait.SpinUntil(() => strategy.BlockedWaiters == 2, s_timeout));
        var wakeUpsBefore = strategy.WakeUps;

        cursor.Value = 0; // a producer published: the first stage may run, the second still waits for the first
        strategy.SignalAllWhenBlocking();

        Assert.Equal(wakeUpsBefore + 1, strategy.WakeUps);
        Assert.True(first.Wait(s_timeout));
        Assert.False(second.IsCompleted);

        firstStage.Value = 0;
        strategy.SignalAllWhenBlocking();

        Assert.True(second.Wait(s_timeout));
        Assert.Equal(0, second.Result);
    }

    [Fact]
    public void WaitFor_CancelledWhileBlocked_ThrowsOperationCanceled()
    {
        var strategy = new SpinThenBlockWaitStrategy(TimeSpan.Zero);
        using var cts = new CancellationTokenSource();
        var waiter = Task.Factory.StartNew(() => strategy.WaitFor(0, new Sequence(), [], cts.Token), TaskCreationOptions.LongRunning);
        Assert.True(SpinWait.SpinUntil(() => strategy.BlockedWaiters == 1, s_timeout));

        cts.Cancel();

        var ex = Assert.Throws<AggregateException>(() => waiter.Wait(s_timeout));
        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
        Assert.Equal(0, strategy.BlockedWaiters);
    }

    [Fact]
    public void WaitFor_FourthLongBlockInARow_HalvesTheThreadsSpinBudget()
    {
        var spin = TimeSpan.FromMicroseconds(200);
        var strategy = new SpinThenBlockWaitStrategy(spin);
        var cursor = new Sequence();
        var budgets = new long[4];
        var proceed = new SemaphoreSlim(0);
        var waiter = Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < 4; i++)
            {
                strategy.WaitFor(i, cursor, [], CancellationToken.None);
                budgets[i] = BlockedWaiter.Current.SpinTicks;
                proceed.Release();
            }
        }, TaskCreationOptions.LongRunning);

        for (var i = 0; i < 4; i++)
        {
            // Blocked means it spun its whole budget first, so the signal below comes later than the spin limit.
            Assert.True(SpinWait.SpinUntil(() => strategy.BlockedWaiters == 1, s_timeout));
            cursor.Value = i;
            strategy.SignalAllWhenBlocking();
            Assert.True(proceed.Wait(s_timeout));
        }

        Assert.True(waiter.Wait(s_timeout));
        var full = (long)(spin.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        Assert.Equal([-1, -1, -1, full / 2], budgets); // -1: never reduced (the full spin); the fourth long wait halves it
    }

    [Fact]
    public void WaitFor_ManyMoreWaitersThanSlots_EveryOneProceeds()
    {
        var strategy = new SpinThenBlockWaitStrategy(TimeSpan.Zero);
        var cursor = new Sequence();
        var waiters = Enumerable.Range(0, 24)
            .Select(_ => Task.Factory.StartNew(() => strategy.WaitFor(0, cursor, [], CancellationToken.None), TaskCreationOptions.LongRunning))
            .ToArray();
        Assert.True(SpinWait.SpinUntil(() => strategy.BlockedWaiters == 24, s_timeout));

        cursor.Value = 0;
        strategy.SignalAllWhenBlocking();

        Assert.True(Task.WaitAll(waiters, s_timeout));
        Assert.All(waiters, w => Assert.Equal(0, w.Result));
    }
}
