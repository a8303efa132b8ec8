using Reintegratie.Edge.Mqtt.Commands;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Tests.Commands;

public sealed class CommandReplyRouterTests
{
    private readonly MqttTopics _topics = new("pi-edge", "s", "g");

    [Fact]
    public void TryResolve_ResponseTopic_WinsAndEchoesCorrelationData()
    {
        Assert.True(CommandReplyRouter.TryResolve(_topics, "ack", "biv/r", [1, 2], "other/r", "c1", out var route, out _));
        Assert.Equal("biv/r", route!.Topic);
        Assert.Equal(new byte[] { 1, 2 }, route.CorrelationData);
    }

    [Fact]
    public void TryResolve_ReplyTo_UsedWithoutResponseTopic()
    {
        Assert.True(CommandReplyRouter.TryResolve(_topics, "ack", null, null, "biv/r", "c1", out var route, out _));
        Assert.Equal("biv/r", route!.Topic);
    }

    [Fact]
    public void TryResolve_CorrelationIdOnly_UsesConventionTopic()
    {
        Assert.True(CommandReplyRouter.TryResolve(_topics, "bypass", null, null, null, "c1", out var route, out _));
        Assert.Equal("pi-edge/s/g/cmd/bypass/reply/c1", route!.Topic);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("pi-edge/s/g/alerts/active", null, null)]
    [InlineData(null, "pi-edge/s/g/status", null)]
    [InlineData(null, null, "a/b")]
    public void TryResolve_NothingOrForbidden_ReturnsFalse(string? responseTopic, string? replyTo, string? correlationId)
    {
        Assert.False(CommandReplyRouter.TryResolve(_topics, "ack", responseTopic, null, replyTo, correlationId, out var route, out var reason));
        Assert.Null(route);
        Assert.NotEmpty(reason);
    }
}
