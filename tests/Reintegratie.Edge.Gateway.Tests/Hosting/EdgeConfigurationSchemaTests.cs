using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Gateway.Hosting;

namespace Reintegratie.Edge.Gateway.Tests.Hosting;

public sealed class EdgeConfigurationSchemaTests
{
    [Fact]
    public void Root_EveryOptionsClassItReads_IsKeptForNativeAot()
    {
        // The NativeAOT build keeps an options class's properties only when something names it; a class the schema reads
        // but the list misses would lose all its keys there (every key "unknown", exit 78), while this JIT build passes.
        var build = typeof(EdgeConfigurationSchema).GetMethod("Build", BindingFlags.NonPublic | BindingFlags.Static)!;
        var kept = build.GetCustomAttributes<DynamicDependencyAttribute>()
            .Where(a => a.MemberTypes.HasFlag(ConfigurationKeyNode.OptionsMembers))
            .Select(a => a.Type!)
            .ToHashSet();
        var read = new HashSet<Type>();
        Collect(EdgeConfigurationSchema.Root, read);

        Assert.Contains(typeof(SiteOptions), read); // the walk reaches the classes (nested ones too)
        Assert.True(read.Count >= 10, $"only {read.Count} options classes found");
        var missing = read.Where(t => !kept.Contains(t)).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, "not kept for NativeAOT: " + string.Join(", ", missing));
    }

    [Fact]
    public void Check_MqttReconnectCapAndEventsKeys_Accepted()
    {
        // The one MQTT session's backoff cap and the events feed's keys (docs/MQTT.md).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mqtt:ReconnectMaxSeconds"] = "5",
            ["Mqtt:Events:Enabled"] = "true",
            ["Mqtt:Events:MaxInFlight"] = "32",
            ["Mqtt:Events:WhenFull"] = "drop",
        }).Build();

        EdgeConfigurationSchema.Check(configuration); // throws ConfigurationException naming an unknown key
    }

    [Fact]
    public void Check_PipelineFusionOnJournalThread_Accepted()
    {
        // The stage arrangement's switch (docs/BENCHMARKS.md, "Fewer hops"): fusion and the journal on one thread or two.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:FusionOnJournalThread"] = "false",
        }).Build();

        EdgeConfigurationSchema.Check(configuration); // throws ConfigurationException naming an unknown key
    }

    [Fact]
    public void Check_EventsWaitsWhenFull_RefusedAsUnknown()
    {
        // The options' derived flag is not a key: only Mqtt:Events:WhenFull sets the policy.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mqtt:Events:WaitsWhenFull"] = "false",
        }).Build();

        var ex = Assert.Throws<ConfigurationException>(() => EdgeConfigurationSchema.Check(configuration));

        Assert.Equal("Mqtt:Events:WaitsWhenFull", ex.Key);
    }

    [Fact]
    public void Check_MqttReconnectCapNotANumber_ThrowsNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mqtt:ReconnectMaxSeconds"] = "soon",
        }).Build();

        var ex = Assert.Throws<ConfigurationException>(() => EdgeConfigurationSchema.Check(configuration));

        Assert.Equal("Mqtt:ReconnectMaxSeconds", ex.Key);
    }

    [Fact]
    public void Check_GatewayInlineSocketCompletions_Accepted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:InlineSocketCompletions"] = "false",
        }).Build();

        EdgeConfigurationSchema.Check(configuration); // throws ConfigurationException naming an unknown key
    }

    [Fact]
    public void Check_GatewayInlineSocketCompletionsNotABool_ThrowsNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:InlineSocketCompletions"] = "sometimes",
        }).Build();

        var ex = Assert.Throws<ConfigurationException>(() => EdgeConfigurationSchema.Check(configuration));

        Assert.Equal("Gateway:InlineSocketCompletions", ex.Key);
    }

    [Fact]
    public void Check_GatewayUnknownKey_ThrowsNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:InlineCompletions"] = "true",
        }).Build();

        var ex = Assert.Throws<ConfigurationException>(() => EdgeConfigurationSchema.Check(configuration));

        Assert.Equal("Gateway:InlineCompletions", ex.Key);
    }

    private static void Collect(ConfigurationKeyNode node, HashSet<Type> read)
    {
        if (node.OptionsType is { } type)
        {
            read.Add(type);
        }

        if (node.Element is { } element)
        {
            Collect(element, read);
        }

        if (node.Variant is { } variant)
        {
            foreach (var family in Enum.GetNames<SensorFamily>().Append(null))
            {
                Collect(variant(family), read);
            }
        }

        foreach (var child in node.Children.Values)
        {
            Collect(child, read);
        }
    }
}
