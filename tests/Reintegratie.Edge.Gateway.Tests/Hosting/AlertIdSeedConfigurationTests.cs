using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Fusion;
using Reintegratie.Edge.Gateway.Hosting;

namespace Reintegratie.Edge.Gateway.Tests.Hosting;

/// <summary>The alert id seed a gateway runs with when <c>Fusion:IdSeed</c> is not configured, and the snapshot replays read it from.</summary>
public sealed class AlertIdSeedConfigurationTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("edge-seed-").FullName;

    [Fact]
    public void Validate_NoSeedConfigured_SeedFromTopicRoot_DistinctPerSite()
    {
        var vught = Validate(("Mqtt:Site", "pi-vught"));
        var sittard = Validate(("Mqtt:Site", "pi-sittard"));

        Assert.Equal(AlertIdSeed.For("pi-edge/pi-vught/gw1"), vught.Fusion.IdSeed);
        Assert.NotEqual(vught.Fusion.IdSeed, sittard.Fusion.IdSeed);
    }

    [Fact]
    public void Validate_SeedConfigured_Kept()
    {
        var settings = Validate(("Mqtt:Site", "pi-vught"), ("Fusion:IdSeed", "42"));

        Assert.Equal(42UL, settings.Fusion.IdSeed);
    }

    [Fact]
    public void SiteSnapshot_DerivedSeed_WrittenExactly()
    {
        var settings = Validate(("Mqtt:Site", "pi-vught"));

        var path = SiteSnapshot.Write(settings.Configuration, _state, settings.Fusion.IdSeed);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(settings.Fusion.IdSeed, json.RootElement.GetProperty("Fusion").GetProperty("IdSeed").GetUInt64());
        var replay = new ConfigurationBuilder().AddJsonFile(path).Build().GetSection("Fusion").Get<FusionOptions>()!;
        Assert.Equal(settings.Fusion.IdSeed, replay.IdSeed); // what edgectl replay binds
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private GatewaySettings Validate(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Name"] = "test",
            ["Mqtt:Host"] = "127.0.0.1",
            ["Site:Zones:0:Id"] = "Z1",
            ["Site:Sensors:0:Id"] = "cam-1",
            ["Site:Sensors:0:Family"] = "Bodycam",
            ["Site:Sensors:0:Zone"] = "Z1",
            ["Site:Sensors:0:DropFolder"] = _state,
        }).AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
        return GatewayValidation.Validate(configuration, _state, new SensorCatalog());
    }
}
