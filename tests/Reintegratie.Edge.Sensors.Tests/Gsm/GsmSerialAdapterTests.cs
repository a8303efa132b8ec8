using System.Text;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Gsm;
using Reintegratie.Edge.Sensors.Privacy;
using Reintegratie.Edge.Sensors.Tests.Privacy;
using Reintegratie.Edge.Sensors.Tests.Transports;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.Sensors.Tests.Gsm;

public sealed class GsmSerialAdapterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gsm-serial-").FullName;
    private readonly CollectingSink _sink = new();
    private readonly CapturingLoggerFactory _logs = new();
    private readonly Pseudonymiser _p = TestKeys.Create();

    public void Dispose()
    {
        _p.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task RunAsync_LinesOverPty_PseudonymisedEventsBadLinesCountedAndSurvivesReplug()
    {
        var link = Path.Combine(_dir, "gsm0");
        var pty = PtyPair.Open(link);
        var site = SiteModel.Build(new SiteOptions
        {
            Zones = [new ZoneOptions { Id = "wing-a" }],
            Sensors = [new SensorOptions { Id = "gsm-1", Family = SensorFamily.Gsm, Zone = "wing-a" }],
        });
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Sensors:0:Port"] = link,
            ["Site:Sensors:0:MaxLineBytes"] = "512",
        }).Build();
        var health = new SensorHealthRegistry(site, _sink, TimeProvider.System);
        var context = new AdapterContext(site, _sink, health, TimeProvider.System, _logs, _p);
        var adapter = (GsmSerialAdapter)Assert.Single(new GsmAdapterFactory().Create([(config.GetSection("Site:Sensors:0"), site.Sensors[0])], context));
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);
        await TestSite.WaitUntil(() => adapter.Reader.Connects > 0, "port open");

        await pty.WriteLineAsync(GsmTestLines.Line(), CancellationToken.None);
        await pty.WriteLineAsync(GsmTestLines.Line(imei: "490154203237519"), CancellationToken.None); // bad Luhn
        await pty.WriteLineAsync(GsmTestLines.Line(sensor: "gsm-9"), CancellationToken.None); // not this port's sensor
        await pty.WriteLineAsync(GsmTestLines.Line() + new string(' ', 600), CancellationToken.None); // over MaxLineBytes
        await pty.WriteLineAsync(GsmTestLines.Line(imsi: null), CancellationToken.None);
        await TestSite.WaitUntil(() => _sink.OfKind(EventKind.Handset).Count == 2 && adapter.Handler.BadLines.Count == 3, "two handsets, three rejects");

        var events = _sink.OfKind(EventKind.Handset);
        Assert.All(events, e => Assert.Equal((0, 0, SensorFamily.Gsm), (e.SensorIndex, e.ZoneIndex, e.Family)));
        Assert.Equal(_p.Pseudonymise(IdentifierKind.Imsi, GsmTestLines.Bytes(GsmTestLines.Imsi)), events[0].Handset.Imsi);
        Assert.Equal(_p.Pseudonymise(IdentifierKind.Imei, GsmTestLines.Bytes(GsmTestLines.Imei)), events[1].Handset.Imei);
        Assert.Equal(SensorStatus.Online, health.Snapshot()[0].Status);

        pty.Dispose();
        await TestSite.WaitUntil(() => health.Snapshot()[0].Status == SensorStatus.Offline, "offline after unplug");
        using var again = PtyPair.Open(link);
        await TestSite.WaitUntil(() => adapter.Reader.Connects > 1, "reopened");
        await again.WriteLineAsync(GsmTestLines.Line(imsi: "204169876543210"), CancellationToken.None);
        await TestSite.WaitUntil(() => _sink.OfKind(EventKind.Handset).Count == 3, "handset after replug");
        Assert.Equal(SensorStatus.Online, health.Snapshot()[0].Status);
        Assert.True(_sink.OfKind(EventKind.Handset)[2].Handset.NewInZone);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var everything = _logs.All + string.Join('\n', _sink.Events.Select(Describe));
        foreach (var secret in new[] { GsmTestLines.Imsi, GsmTestLines.Imei, "490154203237519", "204169876543210", GsmTestLines.Imsi[..8], GsmTestLines.Imei[..8] })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(Encoding.ASCII.GetBytes(secret)), everything, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("line longer than MaxLineBytes", _logs.All + ReportAfterRateLimit(adapter), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SerialAndTcpSensors_OneSerialAdapterPerPortAndOneListener()
    {
        var site = SiteModel.Build(new SiteOptions
        {
            Sensors =
            [
                new SensorOptions { Id = "gsm-1", Family = SensorFamily.Gsm },
                new SensorOptions { Id = "gsm-2", Family = SensorFamily.Gsm },
                new SensorOptions { Id = "gsm-3", Family = SensorFamily.Gsm },
            ],
        });
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Sensors:0:Port"] = "/dev/reintegratie/gsm-1",
            ["Site:Sensors:1:Port"] = "/dev/reintegratie/gsm-2",
            ["Site:Sensors:1:Baud"] = "115200",
            ["Site:Sensors:2:Listen"] = "127.0.0.1:0",
        }).Build();
        var context = new AdapterContext(site, _sink, new SensorHealthRegistry(site, _sink, TimeProvider.System), TimeProvider.System, _logs, _p);

        var adapters = new GsmAdapterFactory().Create([.. Enumerable.Range(0, 3).Select(i => (config.GetSection($"Site:Sensors:{i}"), site.Sensors[i]))], context);

        Assert.Equal(["gsm-1@/dev/reintegratie/gsm-1", "gsm-2@/dev/reintegratie/gsm-2"], adapters.OfType<GsmSerialAdapter>().Select(a => a.Name));
        Assert.Single(adapters.OfType<GsmAdapter>());
    }

    [Theory]
    [InlineData("Port=/dev/ttyUSB0;Listen=127.0.0.1:4100", "Site:Sensors:0:Port")]
    [InlineData("MaxLineBytes=512", "Site:Sensors:0:Listen")]
    [InlineData("Port=ttyUSB0", "Site:Sensors:0:Port")]
    [InlineData("Port=/dev/ttyUSB0;Baud=fast", "Site:Sensors:0:Baud")]
    [InlineData("Port=/dev/ttyUSB0;Baud=50", "Site:Sensors:0:Baud")]
    [InlineData("Port=/dev/ttyUSB0;SerialDriver=termios", "Site:Sensors:0:SerialDriver")]
    [InlineData("Port=/dev/ttyUSB0;MaxLineBytes=10", "Site:Sensors:0:MaxLineBytes")]
    public void Validate_BadTransport_NamesKey(string settings, string expectedKey)
    {
        var values = settings.Split(';').Select(kv => kv.Split('=')).ToDictionary(kv => $"Site:Sensors:0:{kv[0]}", kv => (string?)kv[1]);
        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var e = Assert.Throws<ConfigurationException>(() => new GsmAdapterFactory().Validate(config.GetSection("Site:Sensors:0"), "Site:Sensors:0"));

        Assert.Equal(expectedKey, e.Key);
    }

    [Theory]
    [InlineData("Port", "/dev/reintegratie/gsm-1")]
    [InlineData("Listen", "0.0.0.0:4100")]
    public void Validate_OneTransport_Accepted(string key, string value)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Site:Sensors:0:{key}"] = value }).Build();

        new GsmAdapterFactory().Validate(config.GetSection("Site:Sensors:0"), "Site:Sensors:0");
    }

    private string ReportAfterRateLimit(GsmSerialAdapter adapter)
    {
        // Bad-line logs are rate-limited (1/s); if the over-long line's log was held back, the next report counts it.
        Thread.Sleep(1100);
        adapter.OnOverlongLine(default, 1000);
        return _logs.All;
    }

    private static string Describe(SensorEvent e) =>
        $"{e.Kind} {e.SensorIndex} {e.Handset.Imsi} {e.Handset.Imei} {Convert.ToHexString(e.Handset.Imsi.Bytes)} {Convert.ToHexString(e.Handset.Imei.Bytes)} {e.Attachment} {e.Health.Reason}";
}
