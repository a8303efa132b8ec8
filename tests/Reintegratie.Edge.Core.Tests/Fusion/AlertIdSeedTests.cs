using Reintegratie.Edge.Core.Fusion;

namespace Reintegratie.Edge.Core.Tests.Fusion;

public class AlertIdSeedTests
{
    [Fact]
    public void For_24GatewaysSameScenarioSameMillisecond_DistinctAlertIds()
    {
        // The 24-gateway hub test: every gateway's n-th alert at the same event time. With one seed for all of them the
        // ids were equal, and the hub kept one gateway's revision as the other's duplicate.
        var at = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 24)
            .Select(i => new UlidGenerator(AlertIdSeed.For($"t-cluster/pi-{i:00}/gw1")))
            .SelectMany(g => Enumerable.Range(0, 30).Select(_ => g.NewId(at)))
            .ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(new UlidGenerator(0).NewId(at), new UlidGenerator(0).NewId(at)); // what one shared seed did
    }

    [Fact]
    public void For_SameTopicRoot_SameSeed()
    {
        Assert.Equal(AlertIdSeed.For("pi-edge/pi-vught/gw-1"), AlertIdSeed.For("pi-edge/pi-vught/gw-1"));
        Assert.NotEqual(AlertIdSeed.For("pi-edge/pi-vught/gw-1"), AlertIdSeed.For("pi-edge/pi-vught/gw-2"));
        Assert.Equal(0xCBF29CE484222325UL, AlertIdSeed.For(string.Empty)); // FNV-1a 64 offset basis
        Assert.Equal(0xAF63DC4C8601EC8CUL, AlertIdSeed.For("a")); // FNV-1a 64 test vector
    }
}
