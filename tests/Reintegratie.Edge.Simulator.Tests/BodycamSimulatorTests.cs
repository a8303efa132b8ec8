using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors;
using Reintegratie.Edge.Sensors.Bodycam;
using Reintegratie.Edge.Sensors.Privacy;
using Reintegratie.Edge.Simulator.Profiles;

namespace Reintegratie.Edge.Simulator.Tests;

public sealed class BodycamSimulatorTests
{
    [Fact]
    public async Task Simulator_UploadsAgainstRealAdapter_ValidPublishedInvalidQuarantined()
    {
        var site = SiteModel.Build(new SiteOptions
        {
            Zones = [new ZoneOptions { Id = "wing-a" }],
            Sensors = [new SensorOptions { Id = "bodycam-1", Family = SensorFamily.Bodycam }],
        });
        var work = Directory.CreateTempSubdirectory("bodycam-sim-");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Sensors:0:Id"] = "bodycam-1",
            ["Site:Sensors:0:StableMs"] = "300",
            ["Site:Sensors:0:RescanSeconds"] = "1",
            ["Site:Sensors:0:Units:living-unit"] = "wing-a",
        }).Build();
        var section = config.GetSection("Site:Sensors:0");
        await using var sim = (BodycamSimulatedSensor)new BodycamSimulatorFactory().Create(section,
            new SimulationContext(work.FullName, TimeProvider.System, NullLoggerFactory.Instance, new Dictionary<string, object>()));
        var overrides = await sim.PrepareAsync(CancellationToken.None);
        config["Site:Sensors:0:DropFolder"] = overrides["DropFolder"];
        Assert.True(Directory.Exists(overrides["DropFolder"]));

        var sink = new GsmSimulatorTestSink();
        using var pseudonymiser = new Pseudonymiser(new byte[32], 1);
        var context = new AdapterContext(site, sink, new SensorHealthRegistry(site, sink, TimeProvider.System), TimeProvider.System, NullLoggerFactory.Instance, pseudonymiser);
        var adapter = (BodycamAdapter)Assert.Single(new BodycamAdapterFactory().Create([(section, site.Sensors[0])], context));
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);
        try
        {
            await sim.ExecuteAsync(Step("""{"recordingId":"REC-1","wearer":"P123456","unit":"living-unit","startOffsetSeconds":-300,"durationSeconds":120}"""), CancellationToken.None);
            await sim.ExecuteAsync(Step("""{"recordingId":"REC-2","slow":true}"""), CancellationToken.None);
            await sim.ExecuteAsync(Step("""{"recordingId":"REC-3","valid":false}"""), CancellationToken.None);
            await GsmSimulatorTestSink.WaitForAsync(() => adapter.Published == 2 && adapter.Quarantined == 1);

            var recordings = sink.Events.Select(e => (BodycamRecording)e.Attachment!).OrderBy(r => r.RecordingId).ToArray();
            Assert.Equal(["REC-1", "REC-2"], recordings.Select(r => r.RecordingId));
            Assert.Equal(TimeSpan.FromSeconds(120), recordings[0].End - recordings[0].Start);
            Assert.Equal(pseudonymiser.Pseudonymise(IdentifierKind.Wearer, "P123456"u8).ToString(), recordings[0].WearerPseudonym);
            Assert.Equal(0, sink.Events.First(e => ((BodycamRecording)e.Attachment!).RecordingId == "REC-1").Header.ZoneIndex);
        }
        finally
        {
            await cts.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(20));
            work.Delete(recursive: true);
        }
    }

    private static ScenarioStep Step(string args) =>
        new() { Sensor = "bodycam-1", Action = "upload", Args = JsonDocument.Parse(args).RootElement.Clone() };
}
