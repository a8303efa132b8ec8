using System.Text;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Bodycam;
using Reintegratie.Edge.Sensors.Privacy;
using Reintegratie.Edge.Sensors.Tests.Privacy;

namespace Reintegratie.Edge.Sensors.Tests.Bodycam;

public sealed partial class BodycamAdapterTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly TempDir _dir = new();
    private readonly CollectingSink _sink = new();
    private readonly CapturingLoggerFactory _logs = new();
    private readonly Pseudonymiser _p = TestKeys.Create();
    private readonly SiteModel _site = SiteModel.Build(new SiteOptions
    {
        Zones = [new ZoneOptions { Id = "zone-a" }, new ZoneOptions { Id = "zone-b" }],
        Sensors = [new SensorOptions { Id = "bodycam-1", Family = SensorFamily.Bodycam, Zone = "zone-a" }],
    });

    private string Drop => _dir.Path;

    public void Dispose()
    {
        _p.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Run_ValidSidecar_PublishedWithZoneAndMovedToProcessed()
    {
        await using var run = await StartAsync();

        File.WriteAllText(Path.Combine(Drop, "a.json"), BodycamTestSidecars.Json());
        await WaitForAsync(() => _sink.OfKind(EventKind.Bodycam).Count == 1);

        var e = _sink.OfKind(EventKind.Bodycam)[0];
        var recording = Assert.IsType<BodycamRecording>(e.Attachment);
        Assert.Equal(1, e.ZoneIndex); // unit wing-a -> zone-b per Units
        Assert.Equal(recording.End, e.At);
        Assert.Equal(_p.Pseudonymise(IdentifierKind.Wearer, "P123456"u8).ToString(), recording.WearerPseudonym);
        await WaitForAsync(() => File.Exists(Path.Combine(Drop, "processed", "REC-0001.json")));
        Assert.False(File.Exists(Path.Combine(Drop, "a.json")));
        Assert.DoesNotContain("123456", _logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownUnit_ZoneMinusOneAndWarning()
    {
        await using var run = await StartAsync();

        File.WriteAllText(Path.Combine(Drop, "a.json"), BodycamTestSidecars.Json(unit: "kitchen"));
        await WaitForAsync(() => _sink.OfKind(EventKind.Bodycam).Count == 1);

        Assert.Equal(-1, _sink.OfKind(EventKind.Bodycam)[0].ZoneIndex);
        Assert.Contains("kitchen", _logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SlowWrite_ReadOnlyWhenComplete()
    {
        await using var run = await StartAsync(stableMs: 300);
        var bytes = Encoding.UTF8.GetBytes(BodycamTestSidecars.Json());
        var path = Path.Combine(Drop, "slow.json");

        await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            for (var i = 0; i < bytes.Length; i += 40)
            {
                await stream.WriteAsync(bytes.AsMemory(i, Math.Min(40, bytes.Length - i)));
                await stream.FlushAsync();
                await Task.Delay(100);
                Assert.Empty(_sink.OfKind(EventKind.Bodycam));
            }
        }

        await WaitForAsync(() => _sink.OfKind(EventKind.Bodycam).Count == 1);
        Assert.Equal(0, run.Adapter.Quarantined);
    }

    [Fact]
    public async Task Run_SameRecordingTwice_OnePublishedOneDuplicate()
    {
        await using var run = await StartAsync();

        File.WriteAllText(Path.Combine(Drop, "a.json"), BodycamTestSidecars.Json());
        await WaitForAsync(() => run.Adapter.Published == 1);
        File.WriteAllText(Path.Combine(Drop, "b.json"), BodycamTestSidecars.Json());
        await WaitForAsync(() => run.Adapter.Duplicates == 1);

        Assert.Single(_sink.OfKind(EventKind.Bodycam));
        Assert.True(File.Exists(Path.Combine(Drop, "processed", "duplicates", "b.json")));
    }

    [Fact]
    public async Task Run_AfterRestart_ProcessedRecordingNotPublishedAgain()
    {
        await using (var first = await StartAsync())
        {
            File.WriteAllText(Path.Combine(Drop, "a.json"), BodycamTestSidecars.Json());
            await WaitForAsync(() => first.Adapter.Published == 1 && File.Exists(Path.Combine(Drop, "processed", "REC-0001.json")));
        }

        await using var second = await StartAsync();
        File.WriteAllText(Path.Combine(Drop, "again.json"), BodycamTestSidecars.Json());
        File.WriteAllText(Path.Combine(Drop, "new.json"), BodycamTestSidecars.Json(recordingId: "REC-0002"));
        await WaitForAsync(() => second.Adapter.Duplicates == 1 && second.Adapter.Published == 1);

        Assert.Equal(["REC-0001", "REC-0002"], _sink.OfKind(EventKind.Bodycam).Select(e => ((BodycamRecording)e.Attachment!).RecordingId));
    }

    [Fact]
    public async Task Run_InvalidSidecar_QuarantinedWithReasonAndNoWearerId()
    {
        await using var run = await StartAsync();

        File.WriteAllText(Path.Combine(Drop, "bad.json"), BodycamTestSidecars.Json(sha: "not-a-hash"));
        File.WriteAllText(Path.Combine(Drop, "garbage.json"), "{\"wearer_id\": \"P123456\", oops");
        await WaitForAsync(() => run.Adapter.Quarantined == 2);

        var reason = File.ReadAllText(Path.Combine(Drop, "quarantine", "bad.json.reason"));
        Assert.StartsWith("sha256: expected 64 hexadecimal digits", reason, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Drop, "quarantine", "bad.json")));
        Assert.True(File.Exists(Path.Combine(Drop, "quarantine", "garbage.json.reason")));
        Assert.DoesNotContain("123456", reason + File.ReadAllText(Path.Combine(Drop, "quarantine", "garbage.json.reason")) + _logs.All, StringComparison.Ordinal);
        Assert.Empty(_sink.OfKind(EventKind.Bodycam));
    }

    [Fact]
    public async Task Run_TruncatedFileThatNeverCompletes_QuarantinedAfterGrace()
    {
        await using var run = await StartAsync(stableMs: 100);

        File.WriteAllText(Path.Combine(Drop, "cut.json"), BodycamTestSidecars.Json()[..120]);
        await WaitForAsync(() => run.Adapter.Quarantined == 1);

        Assert.Contains("ends before", File.ReadAllText(Path.Combine(Drop, "quarantine", "cut.json.reason")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DropFolderMissing_FaultThenRecovers()
    {
        var drop = Path.Combine(Drop, "later");
        await using var run = await StartAsync(dropFolder: drop);

        await WaitForAsync(() => run.Health.Snapshot()[0].Status == SensorStatus.Fault);
        Directory.CreateDirectory(drop);
        File.WriteAllText(Path.Combine(drop, "a.json"), BodycamTestSidecars.Json());

        await WaitForAsync(() => run.Adapter.Published == 1);
        Assert.Equal(SensorStatus.Online, run.Health.Snapshot()[0].Status);
    }

    [Fact]
    public void Create_UnitMappedToUnknownZone_RefusedNamingUnitKey()
    {
        var config = Config(Drop, 100, extra: new() { ["Site:Sensors:0:Units:gym"] = "zone-x" });
        var context = new AdapterContext(_site, _sink, new SensorHealthRegistry(_site, _sink, TimeProvider.System), TimeProvider.System, _logs, _p);

        var e = Assert.Throws<ConfigurationException>(() => new BodycamAdapterFactory().Create([(config.GetSection("Site:Sensors:0"), _site.Sensors[0])], context));

        Assert.Equal("Site:Sensors:0:Units:gym", e.Key);
    }

    [Fact]
    public void Validate_NoDropFolder_NamesKey()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection([]).Build();

        var e = Assert.Throws<ConfigurationException>(() => new BodycamAdapterFactory().Validate(config.GetSection("Site:Sensors:0"), "Site:Sensors:0"));

        Assert.Equal("Site:Sensors:0:DropFolder", e.Key);
    }

    private static IConfigurationRoot Config(string drop, int stableMs, Dictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Site:Sensors:0:DropFolder"] = drop,
            ["Site:Sensors:0:StableMs"] = stableMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Site:Sensors:0:RescanSeconds"] = "1",
            ["Site:Sensors:0:Units:wing-a"] = "zone-b",
        };
        foreach (var (k, v) in extra ?? [])
        {
            values[k] = v;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private async Task<Running> StartAsync(int stableMs = 100, string? dropFolder = null)
    {
        var config = Config(dropFolder ?? Drop, stableMs);
        var health = new SensorHealthRegistry(_site, _sink, TimeProvider.System);
        var context = new AdapterContext(_site, _sink, health, TimeProvider.System, _logs, _p);
        var adapter = (BodycamAdapter)Assert.Single(new BodycamAdapterFactory().Create([(config.GetSection("Site:Sensors:0"), _site.Sensors[0])], context));
        var cts = new CancellationTokenSource();
        var task = adapter.RunAsync(cts.Token);
        if (dropFolder is null)
        {
            await WaitForAsync(() => adapter.Scans > 0);
        }

        return new Running(adapter, health, cts, task);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }

    private sealed record Running(BodycamAdapter Adapter, SensorHealthRegistry Health, CancellationTokenSource Cts, Task Task) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Cts.CancelAsync();
            await Task.WaitAsync(s_timeout);
            await Adapter.DisposeAsync();
            Cts.Dispose();
        }
    }
}
