using Reintegratie.Edge.Hub.Ingest;

namespace Reintegratie.Edge.Hub.Tests.Ingest;

public sealed class RoutingKeysTests
{
    private readonly RoutingKeys _keys = new("pi-edge");

    [Theory]
    [InlineData("pi-edge.pi-vught.gw1.alerts", "pi-vught", "gw1", TopicKind.Alerts, null)]
    [InlineData("pi-edge.pi-vught.gw1.alerts.active", "pi-vught", "gw1", TopicKind.ActiveAlerts, null)]
    [InlineData("pi-edge.pi-vught.gw1.status", "pi-vught", "gw1", TopicKind.Status, null)]
    [InlineData("pi-edge.pi-vught.gw1.sensors.rid-1", "pi-vught", "gw1", TopicKind.Sensor, "rid-1")]
    [InlineData("pi-edge.pi-vught.gw1.journal.head", "pi-vught", "gw1", TopicKind.JournalHead, null)]
    [InlineData("pi-edge.pi-vught.gw1.bypass", "pi-vught", "gw1", TopicKind.Bypass, null)]
    [InlineData("pi-edge.pi-vught.gw1.site", "pi-vught", "gw1", TopicKind.SiteMap, null)]
    [InlineData("pi-edge.pi/vught.gw/2.sensors.rf/1", "pi.vught", "gw.2", TopicKind.Sensor, "rf.1")]
    public void TryParse_GatewayTopic_SiteGatewayKind(string key, string site, string gateway, TopicKind kind, string? sensor)
    {
        Assert.True(_keys.TryParse(key, out var address, out var reason), reason);
        Assert.Equal(new TopicAddress(site, gateway, kind, sensor), address);
    }

    [Theory]
    [InlineData("other.pi-vught.gw1.alerts")]
    [InlineData("pi-edge.pi-vught.gw1.events.drone")]
    [InlineData("pi-edge.pi-vught.gw1.cmd.ack")]
    [InlineData("pi-edge.pi-vught.alerts")]
    [InlineData("pi-edge..gw1.alerts")]
    public void TryParse_NotIngested_FalseWithReason(string key)
    {
        Assert.False(_keys.TryParse(key, out _, out var reason));
        Assert.Contains(key, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void For_TopicWithDots_RoundTripsThroughTryParse()
    {
        var key = new RoutingKeys("biv/edge").For("pi.zwolle", "gw1", "sensors/gsm.1");
        Assert.Equal("biv.edge.pi/zwolle.gw1.sensors.gsm/1", key);
        Assert.True(new RoutingKeys("biv/edge").TryParse(key, out var a, out _));
        Assert.Equal(("pi.zwolle", "gsm.1"), (a.Site, a.SensorId));
    }
}
