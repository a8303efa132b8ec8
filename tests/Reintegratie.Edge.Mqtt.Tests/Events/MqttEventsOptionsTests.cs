using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Mqtt.Events;

namespace Reintegratie.Edge.Mqtt.Tests.Events;

public class MqttEventsOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Bind_NoSection_DisabledAndSelectsNothing()
    {
        var options = MqttEventsOptions.Bind(Config());

        Assert.False(options.Enabled);
        Assert.False(options.Selects(EventKind.DroneDetection));
    }

    [Fact]
    public void Bind_KindsListed_SelectsOnlyThose()
    {
        var options = MqttEventsOptions.Bind(Config(("Mqtt:Events:Enabled", "true"), ("Mqtt:Events:Kinds:0", "drone"), ("Mqtt:Events:Kinds:1", "perimeter")));

        Assert.True(options.Selects(EventKind.DroneDetection));
        Assert.True(options.Selects(EventKind.Perimeter));
        Assert.False(options.Selects(EventKind.Handset));
        Assert.False(options.Selects(EventKind.Tick));
    }

    [Fact]
    public void Bind_EnabledWithoutKinds_SelectsEveryJournaledKindButNotTicks()
    {
        var options = MqttEventsOptions.Bind(Config(("Mqtt:Events:Enabled", "true")));

        Assert.True(options.Selects(EventKind.Handset));
        Assert.True(options.Selects(EventKind.Gateway));
        Assert.False(options.Selects(EventKind.Tick));
        Assert.False(options.Selects(EventKind.None));
    }

    [Theory]
    [InlineData("drones")]
    [InlineData("tick")]
    [InlineData("")]
    public void Bind_UnknownKind_ThrowsNamingTheKey(string kind)
    {
        var ex = Assert.Throws<ConfigurationException>(() =>
            MqttEventsOptions.Bind(Config(("Mqtt:Events:Enabled", "true"), ("Mqtt:Events:Kinds:0", "drone"), ("Mqtt:Events:Kinds:1", kind))));

        Assert.Equal("Mqtt:Events:Kinds:1", ex.Key);
    }

    [Fact]
    public void Bind_QueueCapacityZero_ThrowsNamingTheKey()
    {
        var ex = Assert.Throws<ConfigurationException>(() => MqttEventsOptions.Bind(Config(("Mqtt:Events:QueueCapacity", "0"))));

        Assert.Equal("Mqtt:Events:QueueCapacity", ex.Key);
    }

    [Theory]
    [InlineData(null, true)] // the default: backpressure, nothing lost
    [InlineData("wait", true)]
    [InlineData("Drop", false)]
    public void Bind_WhenFull_WaitByDefaultDropOnRequest(string? value, bool waits)
    {
        var options = MqttEventsOptions.Bind(value is null ? Config() : Config(("Mqtt:Events:WhenFull", value)));

        Assert.Equal(waits, options.WaitsWhenFull);
    }

    [Fact]
    public void Bind_WhenFullUnknown_ThrowsNamingTheKey()
    {
        var ex = Assert.Throws<ConfigurationException>(() => MqttEventsOptions.Bind(Config(("Mqtt:Events:WhenFull", "block"))));

        Assert.Equal("Mqtt:Events:WhenFull", ex.Key);
    }
}
