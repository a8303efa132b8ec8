using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Mqtt.Configuration;

namespace Reintegratie.Edge.Mqtt.Tests.Configuration;

public sealed class MqttOptionsBindingTests
{
    [Fact]
    public void Bind_NoHostNotEmbedded_ThrowsNamingHost()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Site:Name"] = "pi-vught" }).Build();

        var e = Assert.Throws<ConfigurationException>(() => MqttOptionsBinding.Bind(config));

        Assert.Equal("Mqtt:Host", e.Key);
    }

    [Fact]
    public void Bind_PlaintextRemoteBroker_ThrowsNamingTheKey()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mqtt:Host"] = "broker.biv.local",
            ["Mqtt:Site"] = "pi-vught",
        }).Build();

        var ex = Assert.Throws<ConfigurationException>(() => MqttOptionsBinding.Bind(config));

        Assert.Equal("Mqtt:AllowInsecure", ex.Key);
    }
}
