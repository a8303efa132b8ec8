using System.Globalization;
using System.Text.Json.Nodes;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.IntegrationTests.Gateway;

/// <summary>
/// The attack on the Remote ID receiver's boundary that the per-MAC check misses: a flood of forged ids, each from a new
/// random MAC, against the real gateway over a real pty and mosquitto. The budget (burst 3, nearly no refill) lets the
/// first ids through like any drone; every later one folds into ONE <c>new_id_flood</c> alert; a drone tracked before
/// keeps its alert; a real drone that appears during the flood gets its own unflagged alert at its second frame.
/// </summary>
public sealed class RemoteIdNewIdFloodTests : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-ridflood-").FullName;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartNewAsync();

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task RandomMacFlood_OneFloodAlertNothingSilencedRealDronesKeepTheirOwn()
    {
        var link = Path.Combine(_dir, "rid-pty");
        using var pty = PtyPair.Open(link);
        var config = Path.Combine(_dir, "gateway.json");
        await File.WriteAllTextAsync(config, $$$"""
            {"Site":{"Name":"PI Test","Zones":[{"Id":"north","Name":"Noord","Kind":"yard","Polygon":[{"Lat":51.66,"Lon":5.28},{"Lat":51.67,"Lon":5.28},{"Lat":51.67,"Lon":5.30},{"Lat":51.66,"Lon":5.30}]}],
             "Sensors":[{"Id":"rid-1","Family":"RemoteId","Zone":"north","ReportingSeconds":0,"Port":"{{{link}}}","NewTrackBurst":3,"NewTracksPerSecond":0.001}]}}
            """);
        using var gateway = ChildProcess.Start(RepoPaths.Gateway,
        [
            "--config", config, "--state-dir", Path.Combine(_dir, "state"), "--print-alerts",
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={_broker.Port}", "--Mqtt:AllowInsecure=true", "--Mqtt:Gateway=gw-ridflood",
        ]);
        Assert.True(SpinWait.SpinUntil(() => gateway.Stderr.Any(l => l.Contains("rid-1", StringComparison.Ordinal) && l.Contains("open", StringComparison.Ordinal)), s_wait),
            "the gateway did not open the pty: " + string.Join('\n', gateway.Stderr));

        await pty.WriteLineAsync(Line("REAL-A", "02:4F:00:00:00:0A", 0), CancellationToken.None);
        Assert.True(gateway.WaitForStdout(l => IsNew(l) && l.Contains("REAL-A", StringComparison.Ordinal), s_wait), "no alert for the drone tracked before the flood");
        for (var i = 0; i < 300; i++)
        {
            await pty.WriteLineAsync(Line($"FAKE-{i}", RandomMac(i), i), CancellationToken.None);
        }

        await pty.WriteLineAsync(Line("REAL-B", "02:4F:00:00:00:0B", 1), CancellationToken.None); // folded: looks like the flood
        await pty.WriteLineAsync(Line("REAL-B", "02:4F:00:00:00:0B", 2), CancellationToken.None); // heard again: its own track
        await pty.WriteLineAsync(Line("REAL-A", "02:4F:00:00:00:0A", 3), CancellationToken.None);
        Assert.True(gateway.WaitForStdout(l => IsNew(l) && l.Contains("\"uas_id\":\"REAL-B\"", StringComparison.Ordinal) && !l.Contains(RemoteIdTrackAssembler.FloodTrackKey, StringComparison.Ordinal), s_wait),
            "no own alert for the drone that appeared during the flood\n" + string.Join('\n', gateway.Stdout.TakeLast(5)));
        gateway.Signal(15);
        Assert.True(gateway.WaitForExit(s_wait), "gateway did not stop on SIGTERM");

        var raised = gateway.Stdout.Where(IsNew).Select(l => JsonNode.Parse(l)!["after"]!["drone"]!.AsObject()).ToList();
        var flood = Assert.Single(raised, d => d["track_id"]!.GetValue<string>() == RemoteIdTrackAssembler.FloodTrackKey);
        Assert.True(flood["spoof_suspected"]!.GetValue<bool>());
        Assert.Contains("new_id_flood", flood["spoof_reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var own = raised.Where(d => d != flood).Select(d => d["uas_id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["FAKE-0", "FAKE-1", "REAL-A", "REAL-B"], own); // the burst of 3 (REAL-A, FAKE-0, FAKE-1), then REAL-B
        Assert.All(raised.Where(d => d != flood), d => Assert.False(d["spoof_suspected"]!.GetValue<bool>()));
    }

    private static bool IsNew(string line) =>
        line.Contains("\"type\":\"new\"", StringComparison.Ordinal) && line.Contains("\"kind\":\"drone_incursion\"", StringComparison.Ordinal);

    private static string RandomMac(int n)
    {
        var bits = ((ulong)n * 0x9E3779B97F4A7C15UL) >> 24;
        return string.Create(CultureInfo.InvariantCulture, $"02:{(bits >> 32) & 0xFF:X2}:{(bits >> 24) & 0xFF:X2}:{(bits >> 16) & 0xFF:X2}:{(bits >> 8) & 0xFF:X2}:{bits & 0xFF:X2}");
    }

    private static string Line(string uasId, string mac, int n)
    {
        var messages = new byte[2 * OdidFrame.MessageSize];
        var basic = new BasicIdMessage { ProtocolVersion = 2, IdType = 1, UaType = 2 };
        basic.UasId.Set(uasId);
        OdidEncoder.Encode(basic, messages);
        var loc = new LocationMessage
        {
            ProtocolVersion = 2, Status = 2, Latitude = 51.6636 + (n % 10 * 1e-5), Longitude = 5.2904, DirectionDeg = 90, SpeedHorizontalMps = 3,
            SpeedVerticalMps = 0, AltitudeBaroM = float.NaN, AltitudeGeoM = 60, HeightM = 40, TimestampSAfterHour = float.NaN,
        };
        OdidEncoder.Encode(loc, messages.AsSpan(OdidFrame.MessageSize));
        var pack = new byte[OdidFrame.MaxFrameSize];
        var length = OdidEncoder.EncodePack(messages, pack);
        return $"RID,WIFI_BEACON,-60,{mac},{Convert.ToHexString(pack, 0, length)}";
    }
}
