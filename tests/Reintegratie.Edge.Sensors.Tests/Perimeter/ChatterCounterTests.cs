using CsCheck;
using Reintegratie.Edge.Sensors.Perimeter;

namespace Reintegratie.Edge.Sensors.Tests.Perimeter;

public sealed class ChatterCounterTests
{
    private static readonly DateTimeOffset s_t0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Count_TransitionsWithinAMinute_AreAllCounted()
    {
        var c = new ChatterCounter();
        for (var i = 0; i < 30; i++)
        {
            c.Add(s_t0.AddSeconds(i * 2));
        }

        Assert.Equal(30, c.Count(s_t0.AddSeconds(58)));
    }

    [Fact]
    public void Count_OlderThanAMinute_SlidesOut()
    {
        var c = new ChatterCounter();
        c.Add(s_t0);
        c.Add(s_t0.AddSeconds(30));

        Assert.Equal(2, c.Count(s_t0.AddSeconds(59)));
        Assert.Equal(1, c.Count(s_t0.AddSeconds(60)));
        Assert.Equal(0, c.Count(s_t0.AddSeconds(90)));
    }

    [Fact]
    public void Count_AfterALongGap_StartsEmpty()
    {
        var c = new ChatterCounter();
        c.Add(s_t0);

        Assert.Equal(0, c.Count(s_t0.AddHours(3)));
        c.Add(s_t0.AddHours(3));
        Assert.Equal(1, c.Count(s_t0.AddHours(3)));
    }

    [Fact]
    public void Add_ClockGoesBack_StillCounts()
    {
        var c = new ChatterCounter();
        c.Add(s_t0.AddSeconds(10));

        c.Add(s_t0);

        Assert.Equal(2, c.Count(s_t0.AddSeconds(10)));
    }

    [Fact]
    public void Count_AnyIncreasingTimes_MatchesANaiveSlidingMinute()
    {
        Gen.Int[0, 5_000].Array[1, 200].Sample(gapsMs =>
        {
            var c = new ChatterCounter();
            var seconds = new List<long>();
            var t = s_t0;
            foreach (var gap in gapsMs)
            {
                t = t.AddMilliseconds(gap * 7);
                c.Add(t);
                seconds.Add(t.UtcTicks / TimeSpan.TicksPerSecond);
                var now = t.UtcTicks / TimeSpan.TicksPerSecond;
                if (c.Count(t) != seconds.Count(s => s > now - 60))
                {
                    return false;
                }
            }

            return true;
        });
    }
}
