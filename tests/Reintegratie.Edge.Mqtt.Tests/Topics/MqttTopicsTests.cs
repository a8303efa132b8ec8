using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Tests.Topics;

public sealed class MqttTopicsTests
{
    private readonly MqttTopics _topics = new("pi-edge", "pi-vught", "gw1");

    [Fact]
    public void Topics_Default_FollowTheDesignContract()
    {
        Assert.Equal("pi-edge/pi-vught/gw1", _topics.Root);
        Assert.Equal("pi-edge/pi-vught/gw1/status", _topics.Status);
        Assert.Equal("pi-edge/pi-vught/gw1/alerts", _topics.Alerts);
        Assert.Equal("pi-edge/pi-vught/gw1/alerts/active", _topics.AlertsActive);
        Assert.Equal("pi-edge/pi-vught/gw1/journal/head", _topics.JournalHead);
        Assert.Equal("pi-edge/pi-vught/gw1/cmd/#", _topics.CommandFilter);
        Assert.True(_topics.TrySensor("rid-1", out var sensor, out _));
        Assert.Equal("pi-edge/pi-vught/gw1/sensors/rid-1", sensor);
    }

    [Theory]
    [InlineData("pi-edge/pi-vught/gw1/cmd/ack", "ack")]
    [InlineData("pi-edge/pi-vught/gw1/cmd/bypass", "bypass")]
    [InlineData("pi-edge/pi-vught/gw1/cmd/whatever", "whatever")]
    public void TryGetCommandVerb_CommandTopic_ReturnsVerb(string topic, string verb)
    {
        Assert.True(_topics.TryGetCommandVerb(topic, out var v));
        Assert.Equal(verb, v);
    }

    [Theory]
    [InlineData("pi-edge/pi-vught/gw1/cmd/ack/reply/c1")]
    [InlineData("pi-edge/pi-vught/gw1/cmd/")]
    [InlineData("pi-edge/pi-vught/gw2/cmd/ack")]
    [InlineData("pi-edge/pi-vught/gw1/alerts")]
    public void TryGetCommandVerb_OtherTopic_ReturnsFalse(string topic) => Assert.False(_topics.TryGetCommandVerb(topic, out _));

    [Theory]
    [InlineData("a/b")]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("")]
    public void TrySensor_InvalidLevel_ReturnsFalseWithReason(string id)
    {
        Assert.False(_topics.TrySensor(id, out _, out var reason));
        Assert.NotEmpty(reason);
    }

    [Theory]
    [InlineData("biv/replies/console1", true)]
    [InlineData("pi-edge/pi-vught/gw1/cmd/ack/reply/x", true)]
    [InlineData("pi-edge/pi-vught/gw1/alerts/active", false)]
    [InlineData("pi-edge/pi-vught/gw1/status", false)]
    [InlineData("biv/+/x", false)]
    [InlineData("$SYS/x", false)]
    public void IsAllowedReplyTopic_Topic_GuardsTheGatewayTree(string topic, bool allowed) =>
        Assert.Equal(allowed, _topics.IsAllowedReplyTopic(topic, out _));

    [Fact]
    public void Constructor_WildcardInSite_Throws() => Assert.Throws<ArgumentException>(() => new MqttTopics("pi-edge", "a+", "gw1"));
}
