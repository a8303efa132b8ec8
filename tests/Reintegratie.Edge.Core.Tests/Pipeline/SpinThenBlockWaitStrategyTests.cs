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
    public void Signal_AgainBeforeTheWokenWaiterRan_DoesNotWakeItTwice()
    {
        // On a loaded machine a woken stage may wait for a core while the producer publishes on: each publish must not
        // signal it again (a system call each, and a wait that looks longer than it was).
        var strategy = new SpinThenBlockWaitStrategy(TimeSpan.Zero);
        var cursor = new Sequence();
        var waiter = Task.Factory.StartNew(() => strategy.WaitFor(0, cursor, [], CancellationToken.None), TaskCreationOptions.LongRunning);
        Assert.True(SpinWait.SpinUntil(() => strategy.BlockedWaiters == 1, s_timeout));
        var wakeUpsBefore = strategy.WakeUps;

        cursor.Value = 0;
        strategy.SignalAllWhenBlocking();
        cursor.Value = 1;
        strategy.SignalAllWhenBlocking();

        Assert.True(waiter.Wait(s_timeout));
        Assert.Equal(wakeUpsBefore + 1, strategy.WakeUps);
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
        var full = (long)(spin.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        var budgets = new long[4];
        var proceed = new SemaphoreSlim(0);
        var waiter = Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < 4; i++)
            {
                strategy.WaitFor(i, cursor, [], CancellationToken.None);
                budgets[i] = BlockedWaiter.Current.Spin.Budget(full, full * 8);
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
        Assert.Equal([full, full, full, full / 2], budgets); // the fourth long wait halves it
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

    [Fact]
    public void WaitFor_PingPongEveryWaitBlocking_NoWakeUpLost()
    {
        // Two threads hand a token back and forth 5,000 times, each blocking for every hand-off (no spin): one lost
        // wake-up leaves both asleep and the test times out.
        const int Rounds = 5_000;
        var strategy = new SpinThenBlockWaitStrategy(TimeSpan.Zero);
        var ping = new Sequence();
        var pong = new Sequence();
        using var cts = new CancellationTokenSource();
        var echo = Task.Factory.StartNew(() =>
        {
            for (long i = 0; i < Rounds; i++)
            {
                strategy.WaitFor(i, ping, [], cts.Token);
                pong.Value = i;
                strategy.SignalAllWhenBlocking();
            }
        }, TaskCreationOptions.LongRunning);
        var serve = Task.Factory.StartNew(() =>
        {
            for (long i = 0; i < Rounds; i++)
            {
                ping.Value = i;
                strategy.SignalAllWhenBlocking();
                strategy.WaitFor(i, pong, [], cts.Token);
            }
        }, TaskCreationOptions.LongRunning);

        var done = Task.WaitAll([echo, serve], s_timeout);
        cts.Cancel();

        Assert.True(done, $"stuck at ping {ping.Value}, pong {pong.Value}");
        Assert.Equal(Rounds - 1, pong.Value);
    }

    [Fact]
    public void WaitFor_BlockedAndWokenWithACancellationToken_AllocatesNothing()
    {
        const int Waits = 200;
        var strategy = new SpinThenBlockWaitStrategy(TimeSpan.Zero);
        var cursor = new Sequence();
        var seen = new Sequence();
        using var cts = new CancellationTokenSource();
        var waiter = Task.Factory.StartNew(() =>
        {
            strategy.WaitFor(0, cursor, [], cts.Token); // first block: the thread's waiter and the token's registration node
            seen.Value = 0;
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (long i = 1; i <= Waits; i++)
            {
                strategy.WaitFor(i, cursor, [], cts.Token);
                seen.Value = i;
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }, TaskCreationOptions.LongRunning);

        for (long i = 0; i <= Waits; i++)
        {
            // Only once it has blocked for sequence i (it saw i - 1 and is counted blocked again) is i published.
            Assert.True(SpinWait.SpinUntil(() => seen.Value == i - 1 && strategy.BlockedWaiters == 1, s_timeout));
            cursor.Value = i;
            strategy.SignalAllWhenBlocking();
        }

        Assert.True(waiter.Wait(s_timeout));
        Assert.Equal(0, waiter.Result);
    }
}
