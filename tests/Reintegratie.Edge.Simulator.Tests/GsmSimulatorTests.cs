using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors;
using Reintegratie.Edge.Sensors.Gsm;
using Reintegratie.Edge.Sensors.Privacy;
using Reintegratie.Edge.Simulator.Profiles;

namespace Reintegratie.Edge.Simulator.Tests;

public sealed class GsmSimulatorTests
{
    [Fact]
    public void Identifiers_Generated_FifteenDigitsMcc204AndValidLuhn()
    {
        var random = new Random(42);
        for (var i = 0; i < 1000; i++)
        {
            var imsi = GsmIdentifiers.Imsi(random, 204, GsmIdentifiers.Mnc(random, 204));
            var imei = GsmIdentifiers.Imei(random);

            Assert.Matches("^204[0-9]{12}$", imsi);
            Assert.True(ImeiCheckDigit.IsValid(System.Text.Encoding.ASCII.GetBytes(imei)), imei);
        }
    }

    [Fact]
    public async Task Simulator_HandsetActionsAgainstRealAdapter_EventsArrive()
    {
        var site = SiteModel.Build(new SiteOptions
        {
            Zones = [new ZoneOptions { Id = "wing-a" }],
            Sensors = [new SensorOptions { Id = "gsm-1", Family = SensorFamily.Gsm, Zone = "wing-a" }],
        });
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Sensors:0:Id"] = "gsm-1",
            ["Site:Sensors:0:Listen"] = "127.0.0.1:0",
        }).Build();
        var section = config.GetSection("Site:Sensors:0");
        var work = Directory.CreateTempSubdirectory("gsm-sim-");
        var sim = new GsmSimulatorFactory().Create(section, new SimulationContext(work.FullName, TimeProvider.System, NullLoggerFactory.Instance, new Dictionary<string, object>()));
        var overrides = await sim.PrepareAsync(CancellationToken.None);
        config["Site:Sensors:0:Listen"] = overrides["Listen"];

        var sink = new GsmSimulatorTestSink();
        using var pseudonymiser = new Pseudonymiser(new byte[32], 1);
        var context = new AdapterContext(site, sink, new SensorHealthRegistry(site, sink, TimeProvider.System), TimeProvider.System, NullLoggerFactory.Instance, pseudonymiser);
        var adapter = (GsmAdapter)Assert.Single(new GsmAdapterFactory().Create([(section, site.Sensors[0])], context));
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);
        try
        {
            await adapter.Bound.WaitAsync(TimeSpan.FromSeconds(20));
            await sim.StartAsync(CancellationToken.None);

            await sim.ExecuteAsync(Step("handset", """{"imsi":"204081234567890","imei":"490154203237518","technology":"GSM","band":8,"channel":62,"uplinkDbm":-70,"mcc":204,"mnc":8,"action":"denied"}"""), CancellationToken.None);
            await sim.ExecuteAsync(Step("handsets", """{"count":5}"""), CancellationToken.None);
            await GsmSimulatorTestSink.WaitForAsync(() => sink.Events.Count == 6);

            var events = sink.Events.ToArray();
            Assert.Equal(0, adapter.Handler.BadLines.Count);
            Assert.Equal(HandsetAction.Denied, events[0].Handset.Action);
            Assert.Equal(RadioTechnology.Gsm, events[0].Handset.Technology);
            Assert.Equal(pseudonymiser.Pseudonymise(IdentifierKind.Imsi, "204081234567890"u8), events[0].Handset.Imsi);
            Assert.All(events, e => Assert.True(e.Handset.NewInZone && e.Handset.Imsi.HasValue && e.Handset.Imei.HasValue && e.Handset.Mcc == 204));
        }
        finally
        {
            await cts.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(20));
            await sim.DisposeAsync();
            work.Delete(recursive: true);
        }
    }

    private static ScenarioStep Step(string action, string args) =>
        new() { Sensor = "gsm-1", Action = action, Args = JsonDocument.Parse(args).RootElement.Clone() };
}
