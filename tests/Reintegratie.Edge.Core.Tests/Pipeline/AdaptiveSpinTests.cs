using Reintegratie.Edge.Core.Pipeline;

namespace Reintegratie.Edge.Core.Tests.Pipeline;

public sealed class AdaptiveSpinTests
{
    private const long Spin = 1_600; // ticks; any unit works, the policy only compares
    private const long Hot = 64_000;
    private const long Long = Spin * 10; // a wait that outlasted the spin

    [Fact]
    public void Budget_NewThread_SpinsTheLimit()
    {
        Assert.Equal(Spin, new AdaptiveSpin().Budget(Spin, Hot));
    }

    [Fact]
    public void Caught_SixtyFourInARow_SpinsUpToTheHotLimit()
    {
        var spin = new AdaptiveSpin();
        for (var i = 0; i < AdaptiveSpin.HotAfter - 1; i++)
        {
            spin.Caught();
        }

        Assert.Equal(Spin, spin.Budget(Spin, Hot));

        spin.Caught();

        Assert.True(spin.IsHot);
        Assert.Equal(Hot, spin.Budget(Spin, Hot));
    }

    [Fact]
    public void Blocked_HotThreadOutlastedByAWait_BackToThePlainLimit()
    {
        var spin = HotSpin();

        spin.Blocked(Hot + 1, Spin); // the burst ended

        Assert.False(spin.IsHot);
        Assert.Equal(Spin, spin.Budget(Spin, Hot));
    }

    [Fact]
    public void Blocked_LongWaitsInARow_HalveFromTheFourthThenStop()
    {
        var spin = new AdaptiveSpin();
        var budgets = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            spin.Blocked(Long, Spin);
            budgets.Add(spin.Budget(Spin, Hot));
        }

        Assert.Equal([Spin, Spin, Spin, Spin / 2, Spin / 4, Spin / 8, Spin / 16, 0], budgets);
    }

    [Fact]
    public void Blocked_ShortWaitWhileCooling_RestoresTheLimit()
    {
        var spin = CooledTo(Spin / 4);

        spin.Blocked(Spin / 2, Spin); // would have been caught by the full spin

        Assert.Equal(Spin, spin.Budget(Spin, Hot));
    }

    [Fact]
    public void Blocked_ShortWaitWhileOff_ProbesWithOneFullSpin()
    {
        var spin = SpinOff();

        spin.Blocked(Spin / 2, Spin);

        Assert.Equal(Spin, spin.Budget(Spin, Hot));
    }

    [Fact]
    public void Blocked_ProbesThatFail_TurnOffAndWaitTwiceAsManyShortWaitsEachTime()
    {
        // Producer and consumer on one core: every wait is short, yet every probe's spin runs out.
        var spin = SpinOff();
        var shortWaitsBeforeProbe = new List<int>();
        for (var probe = 0; probe < 8; probe++)
        {
            var shortWaits = 0;
            while (spin.Budget(Spin, Hot) == 0)
            {
                spin.Blocked(Spin / 2, Spin);
                shortWaits++;
            }

            shortWaitsBeforeProbe.Add(shortWaits);
            spin.Blocked(Spin + 1, Spin); // the probe failed
            Assert.Equal(0, spin.Budget(Spin, Hot));
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 64], shortWaitsBeforeProbe);
    }

    [Fact]
    public void Caught_AfterAProbe_SpinsAgainAndProbesAtOnceNextTime()
    {
        var spin = SpinOff();
        spin.Blocked(Spin / 2, Spin); // probe
        spin.Blocked(Long, Spin); // failed: next probe after 2 short waits

        spin.Blocked(Spin / 2, Spin);
        spin.Blocked(Spin / 2, Spin); // probe
        spin.Caught(); // it paid

        Assert.Equal(Spin, spin.Budget(Spin, Hot));
        for (var i = 0; i < 8; i++)
        {
            spin.Blocked(Long, Spin);
        }

        Assert.Equal(0, spin.Budget(Spin, Hot));
        spin.Blocked(Spin / 2, Spin);
        Assert.Equal(Spin, spin.Budget(Spin, Hot)); // probe interval back to one short wait
    }

    [Fact]
    public void Budget_NoSpinConfigured_NeverSpins()
    {
        var spin = HotSpin();

        Assert.Equal(0, spin.Budget(0, 0));
    }

    private static AdaptiveSpin HotSpin()
    {
        var spin = new AdaptiveSpin();
        for (var i = 0; i < AdaptiveSpin.HotAfter; i++)
        {
            spin.Caught();
        }

        return spin;
    }

    private static AdaptiveSpin CooledTo(long budget)
    {
        var spin = new AdaptiveSpin();
        while (spin.Budget(Spin, Hot) > budget)
        {
            spin.Blocked(Long, Spin);
        }

        return spin;
    }

    private static AdaptiveSpin SpinOff() => CooledTo(0);
}
