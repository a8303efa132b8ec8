using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

public class NewTrackBudgetTests
{
    private static readonly long s_t0 = new DateTime(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc).Ticks;

    [Fact]
    public void TryTake_BurstSpent_RefusedUntilTheRateRefillsIt()
    {
        var budget = new NewTrackBudget(perSecond: 2, burst: 3, hold: TimeSpan.Zero);

        var burst = Enumerable.Range(0, 4).Select(_ => budget.TryTake(s_t0)).ToList();
        var afterQuarter = budget.TryTake(s_t0 + (TimeSpan.TicksPerSecond / 4)); // half a token
        var afterHalf = budget.TryTake(s_t0 + (TimeSpan.TicksPerSecond / 2)); // one token

        Assert.Equal([true, true, true, false], burst);
        Assert.False(afterQuarter);
        Assert.True(afterHalf);
        Assert.Equal(2, budget.Refused);
    }

    [Fact]
    public void TryTake_LongQuiet_RefillsNoMoreThanTheBurst()
    {
        var budget = new NewTrackBudget(perSecond: 100, burst: 2);
        budget.TryTake(s_t0);

        var later = s_t0 + TimeSpan.FromHours(1).Ticks;
        var taken = Enumerable.Range(0, 5).Count(_ => budget.TryTake(later));

        Assert.Equal(2, taken);
    }

    [Fact]
    public void TryTake_TimeStepsBack_NoRefill()
    {
        var budget = new NewTrackBudget(perSecond: 1, burst: 1, hold: TimeSpan.Zero);
        Assert.True(budget.TryTake(s_t0));

        Assert.False(budget.TryTake(s_t0 - TimeSpan.TicksPerSecond));
        Assert.False(budget.TryTake(s_t0 + (TimeSpan.TicksPerSecond / 2)));
        Assert.True(budget.TryTake(s_t0 + TimeSpan.TicksPerSecond));
    }

    [Fact]
    public void TryTake_AfterARefusal_RefusedWhileRefusalsGoOnAndGrantedAfterTheHold()
    {
        var budget = new NewTrackBudget(perSecond: 10, burst: 1, hold: TimeSpan.FromSeconds(10));
        Assert.True(budget.TryTake(s_t0));
        Assert.False(budget.TryTake(s_t0)); // the flood starts

        // Tokens refill at 10/s, but a flood that keeps coming keeps being refused.
        var during = Enumerable.Range(1, 20).Select(s => budget.TryTake(s_t0 + (s * TimeSpan.TicksPerSecond))).ToList();
        var quietEnough = budget.TryTake(s_t0 + (31 * TimeSpan.TicksPerSecond));

        Assert.DoesNotContain(true, during);
        Assert.True(quietEnough); // 11 s after the last refusal
        Assert.False(budget.Flooded);
    }
}
