using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors;
using Reintegratie.Edge.Sensors.Gsm;
using Reintegratie.Edge.Sensors.Links;
using Reintegratie.Edge.Sensors.Privacy;
using Reintegratie.Edge.Simulator.Profiles;

namespace Reintegratie.Edge.Simulator.Tests.Profiles;

/// <summary>The simulated network sensors connect the way real ones do: TLS with a client certificate of the run's dev CA.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DevSitePkiTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("dev-pki-");

    [Fact]
    public async Task PrepareAsync_NetworkSensorsWithoutLinkSettings_DevCaOverridesAndPrivateKey()
    {
        await using var runner = new ScenarioRunner(new Scenario { Name = "t" }, [new GsmSimulatorFactory()], SimulatorTestSupport.Context(_work.FullName));

        var overrides = await runner.PrepareAsync(o => Configuration(o), CancellationToken.None);

        var key = overrides["SensorLinks:Tls:KeyFile"]!;
        Assert.StartsWith(Path.Combine(_work.FullName, "pki"), key, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_work.FullName, "pki")));
        Assert.True(File.Exists(overrides["SensorLinks:Tls:CaFile"]));
        Assert.Equal(["ca.crt", "sensor-link.crt", "sensor-link.key"], Directory.GetFiles(Path.Combine(_work.FullName, "pki")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var settings = SensorLinkSettings.Load(Configuration(overrides), required: true);
        Assert.True(settings.Tls);
        Assert.False(settings.AllowUnauthenticated);
    }

    [Fact]
    public async Task PrepareAsync_AllowUnauthenticatedConfigured_NoDevCa()
    {
        await using var runner = new ScenarioRunner(new Scenario { Name = "t" }, [new GsmSimulatorFactory()], SimulatorTestSupport.Context(_work.FullName));

        var overrides = await runner.PrepareAsync(o => Configuration(o, ("SensorLinks:AllowUnauthenticated", "true")), CancellationToken.None);

        Assert.DoesNotContain(overrides.Keys, k => k.StartsWith("SensorLinks", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_work.FullName, "pki")));
    }

    [Fact]
    public async Task GsmSimulator_DevCa_HandsetsArriveOverAnAuthenticatedLink()
    {
        var site = SiteModel.Build(new SiteOptions
        {
            Zones = [new ZoneOptions { Id = "wing-a" }],
            Sensors = [new SensorOptions { Id = "gsm-1", Family = SensorFamily.Gsm, Zone = "wing-a" }],
        });
        await using var runner = new ScenarioRunner(new Scenario { Name = "t" }, [new GsmSimulatorFactory()], SimulatorTestSupport.Context(_work.FullName));
        var overrides = await runner.PrepareAsync(o => Configuration(o), CancellationToken.None);
        var config = Configuration(overrides);
        var section = config.GetSection("Site:Sensors:0");
        var sink = new GsmSimulatorTestSink();
        using var pseudonymiser = new Pseudonymiser(new byte[32], 1);
        var links = SensorLinkSettings.Load(config, required: true);
        var context = new AdapterContext(site, sink, new SensorHealthRegistry(site, sink, TimeProvider.System), TimeProvider.System, NullLoggerFactory.Instance, pseudonymiser, links);
        var adapter = (GsmAdapter)Assert.Single(new GsmAdapterFactory().Create([(section, site.Sensors[0])], context));
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);
        try
        {
            await adapter.Bound.WaitAsync(TimeSpan.FromSeconds(20));
            await runner.StartAsync(CancellationToken.None);

            await runner.Sensors["gsm-1"].ExecuteAsync(SimulatorTestSupport.Step("gsm-1", "handsets", """{"count":3}"""), CancellationToken.None);
            await GsmSimulatorTestSink.WaitForAsync(() => sink.Events.Count == 3);

            Assert.Equal(1, adapter.Links.OpenLinks);
            Assert.Equal(0, adapter.Links.Refused);
            Assert.Equal(0, adapter.Links.Alarm.Count);
            Assert.Equal(0, adapter.Handler.BadLines.Count);
        }
        finally
        {
            await cts.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    public void Dispose() => _work.Delete(recursive: true);

    private static IConfigurationRoot Configuration(IReadOnlyDictionary<string, string?> overrides, params (string Key, string Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["Site:Sensors:0:Id"] = "gsm-1",
            ["Site:Sensors:0:Family"] = "Gsm",
            ["Site:Sensors:0:Zone"] = "wing-a",
            ["Site:Sensors:0:Listen"] = "127.0.0.1:0",
        };
        foreach (var (key, value) in extra)
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).AddInMemoryCollection(overrides).Build();
    }
}
