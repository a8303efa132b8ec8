using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal.Outbox;
using Reintegratie.Edge.Mqtt.Broker;
using Reintegratie.Edge.Mqtt.Client;
using Reintegratie.Edge.Mqtt.Events;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Mqtt.Tests;

public sealed class MqttServiceCollectionExtensionsTests
{
    [Fact]
    public void AddEdgeMqtt_Embedded_RegistersEmbeddedBrokerBeforePublisher()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Site:Name"] = "pi-vught", ["Mqtt:Embedded"] = "true" }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IOutboxReader>(new InMemoryOutbox());
        services.AddSingleton<IEventSink>(new CollectingEventSink());

        services.AddEdgeMqtt(config);
        using var provider = services.BuildServiceProvider();

        var hosted = provider.GetServices<IHostedService>().ToList();
        Assert.IsType<EmbeddedBroker>(hosted[0]);
        var publisher = Assert.IsType<MqttSession>(hosted[1]);
        Assert.Equal("pi-edge/pi-vught/gw1", publisher.Topics.Root);
    }

    [Fact]
    public void AddEdgeMqtt_StartedBrokerAndEvents_OneBrokerThenOneSessionThatAlsoCarriesTheEvents()
    {
        // The gateway's composition root: it starts the broker before the host (a port in use is exit 78) and hands it in.
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Name"] = "pi-vught", ["Mqtt:Embedded"] = "true", ["Mqtt:Events:Enabled"] = "true", ["Mqtt:Events:Kinds:0"] = "drone",
        }).Build();
        var options = MqttServiceCollectionExtensions.Bind(config);
        var broker = new EmbeddedBroker(options.EffectivePort, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IOutboxReader>(new InMemoryOutbox());
        services.AddSingleton<IEventSink>(new CollectingEventSink());
        services.AddSingleton(SiteModel.Build(new SiteOptions { Name = "pi-vught", Zones = [new ZoneOptions { Id = "Z1" }] }));

        services.AddEdgeMqtt(options, MqttEventsOptions.Bind(config), broker);
        using var provider = services.BuildServiceProvider();

        var hosted = provider.GetServices<IHostedService>().ToList();
        Assert.Same(broker, hosted[0]);
        Assert.IsType<MqttSession>(hosted[1]);
        Assert.Equal(2, hosted.Count);
        Assert.NotNull(provider.GetService<EventStage>());
    }

    [Fact]
    public void AddEdgeMqtt_NoHostNotEmbedded_ThrowsNamingHost()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Site:Name"] = "pi-vught" }).Build();

        var e = Assert.Throws<ConfigurationException>(() => new ServiceCollection().AddEdgeMqtt(config));

        Assert.Equal("Mqtt:Host", e.Key);
    }

    [Fact]
    public void AddEdgeMqtt_PlaintextRemoteBroker_ThrowsNamingTheKey()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mqtt:Host"] = "broker.biv.local",
            ["Mqtt:Site"] = "pi-vught",
        }).Build();

        var ex = Assert.Throws<ConfigurationException>(() => new ServiceCollection().AddEdgeMqtt(config));

        Assert.Equal("Mqtt:AllowInsecure", ex.Key);
    }
}
