using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Gsm;
using Reintegratie.Edge.Sensors.Privacy;
using Reintegratie.Edge.Sensors.Tests.Privacy;

namespace Reintegratie.Edge.Sensors.Tests.Gsm;

public sealed class GsmAdapterTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);
    private GsmListenerRig _rig = null!;
    private CollectingSink _sink = null!;
    private CapturingLoggerFactory _logs = null!;
    private Pseudonymiser _p = null!;
    private GsmAdapter _adapter = null!;
    private IPEndPoint _endpoint = null!;
    private SensorHealthRegistry _health = null!;

    public async Task InitializeAsync()
    {
        _rig = await GsmListenerRig.StartAsync();
        (_sink, _logs, _p, _adapter, _endpoint, _health) = (_rig.Sink, _rig.Logs, _rig.Pseudonymiser, _rig.Adapter, _rig.Endpoint, _rig.Health);
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task RunAsync_LinesOverTcp_HandsetEventsInSensorZone()
    {
        using var client = await ConnectAsync();
        var now = TimeProvider.System.GetUtcNow();
        var time = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);

        await SendAsync(client, GsmTestLines.Line(time: time.ToString("yyyy-MM-ddTHH:mm:ssZ")) + "\r\n" + GsmTestLines.Line(sensor: "gsm-2", imsi: null) + "\n");
        await WaitForAsync(() => _sink.OfKind(EventKind.Handset).Count == 2);

        var events = _sink.OfKind(EventKind.Handset);
        var first = events.Single(e => e.SensorIndex == 0);
        var second = events.Single(e => e.SensorIndex == 1);
        Assert.Equal(0, first.ZoneIndex);
        Assert.Equal(1, second.ZoneIndex);
        Assert.Equal(SensorFamily.Gsm, first.Family);
        Assert.Equal(time, first.At); // the umbrella's time, when it agrees with the gateway clock
        Assert.True(second.At >= now.AddSeconds(-1)); // 2025-03-01 is far off the clock: replaced by the receive time
        Assert.Equal(1, _adapter.Handler.ClockCorrected);
        Assert.Equal(_p.Pseudonymise(IdentifierKind.Imsi, GsmTestLines.Bytes(GsmTestLines.Imsi)), first.Handset.Imsi);
        Assert.True(first.Handset.NewInZone);
        Assert.False(second.Handset.Imsi.HasValue);
        Assert.True(second.Handset.NewInZone); // keyed on the IMEI when no IMSI was captured
        Assert.Contains(_health.Snapshot(), h => h.SensorId == "gsm-1" && h.Status == SensorStatus.Online);
    }

    [Fact]
    public async Task RunAsync_SameHandsetTwice_NewOnlyFirstTime()
    {
        using var client = await ConnectAsync();

        await SendAsync(client, GsmTestLines.Line() + "\n" + GsmTestLines.Line() + "\n");
        await WaitForAsync(() => _sink.OfKind(EventKind.Handset).Count == 2);

        Assert.Equal([true, false], _sink.OfKind(EventKind.Handset).Select(e => e.Handset.NewInZone));
    }

    [Fact]
    public async Task RunAsync_BadLines_CountedSkippedAndNoRawIdentifierAnywhere()
    {
        using var client = await ConnectAsync();
        var bad = new[]
        {
            GsmTestLines.Line(imei: "490154203237519"), // bad Luhn
            GsmTestLines.Line(imsi: "2040812345"), // short IMSI
            GsmTestLines.Line().Replace("\"action\":\"detected\"", "\"action\":\"maybe\"", StringComparison.Ordinal),
            GsmTestLines.Line()[..80], // cut off: invalid JSON
            GsmTestLines.Line(sensor: "gsm-9"),
            GsmTestLines.Line() + new string(' ', 600), // over MaxLineBytes
        };

        await SendAsync(client, string.Join("\n", bad) + "\n" + GsmTestLines.Line() + "\n");
        await WaitForAsync(() => _sink.OfKind(EventKind.Handset).Count == 1 && _adapter.Handler.BadLines.Count == bad.Length);

        Assert.Equal(1, _adapter.Handler.Accepted);
        var everything = _logs.All + string.Join('\n', _sink.Events.Select(Describe));
        foreach (var secret in new[] { GsmTestLines.Imsi, GsmTestLines.Imei, "490154203237519", "2040812345", GsmTestLines.Imsi[..8], GsmTestLines.Imei[..8] })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(Encoding.ASCII.GetBytes(secret)), everything, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("imei: the check digit", _logs.All, StringComparison.Ordinal);
        Assert.Contains("5 not logged since last", _logs.All + LateReport(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SilentClientWithPartialLine_OtherClientsServed()
    {
        using var stuck = await ConnectAsync();
        await SendAsync(stuck, "{\"time\":\"2025"); // never finishes its line
        using var garbage = await ConnectAsync();
        await SendAsync(garbage, new string('x', 2000)); // over-long, no terminator
        using var good = await ConnectAsync();

        await SendAsync(good, GsmTestLines.Line() + "\n");

        await WaitForAsync(() => _sink.OfKind(EventKind.Handset).Count == 1);
        Assert.Equal(3, _adapter.ClientCount);
    }

    [Fact]
    public async Task RunAsync_ClientClosesAfterLastLineWithoutTerminator_LineStillHandled()
    {
        using (var client = await ConnectAsync())
        {
            await SendAsync(client, GsmTestLines.Line());
            client.Shutdown(SocketShutdown.Send);
            await WaitForAsync(() => _sink.OfKind(EventKind.Handset).Count == 1);
        }

        Assert.Single(_sink.OfKind(EventKind.Handset));
    }

    [Fact]
    public void Create_NoPseudonymiser_RefusedNamingKeyFile()
    {
        var site = SiteModel.Build(new SiteOptions { Sensors = [new SensorOptions { Id = "gsm-1", Family = SensorFamily.Gsm }] });
        var context = new Sensors.AdapterContext(site, _sink, new SensorHealthRegistry(site, _sink, TimeProvider.System), TimeProvider.System, _logs);
        var config = new ConfigurationBuilder().AddInMemoryCollection([]).Build();

        var e = Assert.Throws<ConfigurationException>(() => new GsmAdapterFactory().Create([(config.GetSection("Site:Sensors:0"), site.Sensors[0])], context));

        Assert.Equal("Privacy:KeyFile", e.Key);
    }

    [Theory]
    [InlineData("Listen", "localhost", "Site:Sensors:0:Listen")]
    [InlineData("Port", "dev/ttyUSB0", "Site:Sensors:0:Port")] // a serial umbrella needs an absolute device path
    [InlineData("MaxLineBytes", "10", "Site:Sensors:0:MaxLineBytes")]
    [InlineData("NoveltyWindowMinutes", "0", "Site:Sensors:0:NoveltyWindowMinutes")]
    public void Validate_BadValue_NamesKey(string key, string value, string expectedKey)
    {
        var values = new Dictionary<string, string?>();
        if (key != "Port")
        {
            values["Site:Sensors:0:Listen"] = "127.0.0.1:4100"; // a TCP sensor, so the key under test is the only fault
        }

        values[$"Site:Sensors:0:{key}"] = value;
        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var e = Assert.Throws<ConfigurationException>(() => new GsmAdapterFactory().Validate(config.GetSection("Site:Sensors:0"), "Site:Sensors:0"));

        Assert.Equal(expectedKey, e.Key);
    }

    private string LateReport()
    {
        // Log lines are rate-limited (1/s): the next one reports how many were held back.
        Thread.Sleep(1100);
        _adapter.Handler.HandleOverlong(1000, default);
        return _logs.All;
    }

    private static string Describe(SensorEvent e) =>
        $"{e.Kind} {e.SensorIndex} {e.ZoneIndex} {e.Handset.Imsi} {e.Handset.Imei} {Convert.ToHexString(e.Handset.Imsi.Bytes)} {Convert.ToHexString(e.Handset.Imei.Bytes)} {e.Attachment} {e.Health.Reason}";

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(_endpoint);
        return socket;
    }

    private static async Task SendAsync(Socket socket, string text) => await socket.SendAsync(Encoding.UTF8.GetBytes(text));

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
