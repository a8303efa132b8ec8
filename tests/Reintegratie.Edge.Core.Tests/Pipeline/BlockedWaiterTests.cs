using Reintegratie.Edge.Core.Pipeline;

namespace Reintegratie.Edge.Core.Tests.Pipeline;

public sealed class BlockedWaiterTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Park_WokenBetweenArmAndPark_ReturnsAtOnce()
    {
        // The lost wake-up window: the signaller wakes after the waiter armed and re-checked, before it sleeps.
        var parked = Task.Factory.StartNew(() =>
        {
            var waiter = BlockedWaiter.Current;
            waiter.Arm();
            waiter.Wake();
            waiter.Park(Timeout.Infinite);
        }, TaskCreationOptions.LongRunning);

        Assert.True(parked.Wait(s_timeout));
    }

    [Fact]
    public void Wake_WaiterParked_WakesIt()
    {
        BlockedWaiter? waiter = null;
        using var armed = new ManualResetEventSlim();
        var parked = Task.Factory.StartNew(() =>
        {
            waiter = BlockedWaiter.Current;
            waiter.Arm();
            armed.Set();
            waiter.Park(Timeout.Infinite); // a spurious return would end the test early, but never hang it
        }, TaskCreationOptions.LongRunning);
        Assert.True(armed.Wait(s_timeout));

        waiter!.Wake();

        Assert.True(parked.Wait(s_timeout));
    }

    [Fact]
    public void Park_NotWoken_ReturnsAfterItsTimeout()
    {
        var parked = Task.Factory.StartNew(() =>
        {
            var waiter = BlockedWaiter.Current;
            waiter.Arm();
            waiter.Park(1);
            waiter.Disarm();
        }, TaskCreationOptions.LongRunning);

        Assert.True(parked.Wait(s_timeout));
    }
}
