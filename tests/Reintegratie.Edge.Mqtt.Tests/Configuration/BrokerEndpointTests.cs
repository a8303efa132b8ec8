using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Mqtt.Configuration;

namespace Reintegratie.Edge.Mqtt.Tests.Configuration;

public sealed class BrokerEndpointTests
{
    [Theory]
    [InlineData("rabbit-2.biv.local", "rabbit-2.biv.local", 8883)]
    [InlineData("rabbit-2:1884", "rabbit-2", 1884)]
    [InlineData(" 10.0.0.2:8884 ", "10.0.0.2", 8884)]
    [InlineData("[fd00::2]:8883", "fd00::2", 8883)]
    [InlineData("[fd00::2]", "fd00::2", 8883)]
    public void TryParse_HostOrHostPort_Parsed(string text, string host, int port)
    {
        Assert.True(BrokerEndpoint.TryParse(text, 8883, out var endpoint));
        Assert.Equal(new BrokerEndpoint(host, port), endpoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("host:")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("fd00::2")]
    [InlineData("[fd00::2")]
    [InlineData("two words")]
    public void TryParse_Malformed_False(string text) => Assert.False(BrokerEndpoint.TryParse(text, 8883, out _));

    [Fact]
    public void Endpoints_HostThenFailoverHosts_InConnectOrder()
    {
        var options = new MqttOptions { Site = "pi-vught", Host = "rabbit-1", Port = 1884, AllowInsecure = true };
        options.FailoverHosts.Add("rabbit-2");
        options.FailoverHosts.Add("rabbit-3:1885");

        MqttOptionsValidator.Validate(options);

        Assert.Equal([new("rabbit-1", 1884), new("rabbit-2", 1884), new("rabbit-3", 1885)], options.Endpoints);
    }

    [Fact]
    public void Validate_MalformedFailoverHost_NamesTheEntry()
    {
        var options = new MqttOptions { Site = "pi-vught", Host = "rabbit-1", AllowInsecure = true };
        options.FailoverHosts.Add("rabbit-2");
        options.FailoverHosts.Add("rabbit-3:x");

        var ex = Assert.Throws<ConfigurationException>(() => MqttOptionsValidator.Validate(options));

        Assert.Equal("Mqtt:FailoverHosts:1", ex.Key);
    }

    [Fact]
    public void Validate_PlaintextWithRemoteFailoverHost_NamesAllowInsecure()
    {
        var options = new MqttOptions { Site = "pi-vught", Host = "127.0.0.1" };
        options.FailoverHosts.Add("rabbit-2.biv.local");

        var ex = Assert.Throws<ConfigurationException>(() => MqttOptionsValidator.Validate(options));

        Assert.Equal("Mqtt:AllowInsecure", ex.Key);
    }

    [Fact]
    public void Validate_FailoverHostsWithEmbeddedBroker_Refused()
    {
        var options = new MqttOptions { Site = "pi-vught", Embedded = true };
        options.FailoverHosts.Add("127.0.0.1:1884");

        var ex = Assert.Throws<ConfigurationException>(() => MqttOptionsValidator.Validate(options));

        Assert.Equal("Mqtt:FailoverHosts", ex.Key);
    }
}
