using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.IntegrationTests.Gateway;

/// <summary>
/// A capture file played through the real gateway (<c>Format: pcap</c>) raises the same <c>drone_incursion</c> as the
/// same Remote ID frames sent as receiver lines (<c>RID,...</c>) over a real pty: same kind, severity, zone, title and
/// drone (UAS id, position, altitude, speed, heading, operator, classification). Only ids and times differ.
/// </summary>
public sealed class CaptureReplayTests : IAsyncLifetime
{
    private const string Capture = "wifi-beacon-radiotap.pcap";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-capture-").FullName;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartNewAsync();

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task CaptureThroughGateway_SameDroneIncursionAsTheLineFormat()
    {
        var captured = FirstIncursion("capture", $$"""{"Id":"rid-1","Family":"RemoteId","Zone":"north","ReportingSeconds":0,"Format":"pcap","Capture":"{{Path.Combine(RepoPaths.Root, "tests", "vectors", "captures", Capture)}}"}""", null);

        var link = Path.Combine(_dir, "rid-line");
        using var pty = PtyPair.Open(link);
        var lines = FirstIncursion("line", $$"""{"Id":"rid-1","Family":"RemoteId","Zone":"north","ReportingSeconds":0,"Port":"{{link}}"}""", async () =>
        {
            // The equivalent receiver lines: each frame the capture holds, with its transport, RSSI and MAC.
            foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Root, "tests", "vectors", "captures", "expected.jsonl")))
            {
                var e = JsonDocument.Parse(line).RootElement;
                if (e.GetProperty("file").GetString() == Capture)
                {
                    await pty.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"RID,{e.GetProperty("transport").GetString()},{e.GetProperty("rssi").GetInt32()},{e.GetProperty("mac").GetString()},{e.GetProperty("hex").GetString()}"), CancellationToken.None);
                }
            }
        });

        Assert.Equal(Comparable(lines).ToJsonString(), Comparable(captured).ToJsonString());
        Assert.Equal("1581F5FKD229400TEST", captured["drone"]!["uas_id"]!.GetValue<string>());
        Assert.Equal(51.6636231, captured["drone"]!["lat"]!.GetValue<double>());
    }

    private JsonObject FirstIncursion(string name, string sensor, Func<Task>? feed)
    {
        var config = Path.Combine(_dir, $"{name}.json");
        File.WriteAllText(config, $$$"""
            {"Site":{"Name":"PI Test","Zones":[{"Id":"north","Name":"Noord","Kind":"yard","Polygon":[{"Lat":51.66,"Lon":5.28},{"Lat":51.67,"Lon":5.28},{"Lat":51.67,"Lon":5.30},{"Lat":51.66,"Lon":5.30}]}],
             "Sensors":[{{{sensor}}}]}}
            """);
        using var gateway = ChildProcess.Start(RepoPaths.Gateway,
        [
            "--config", config, "--state-dir", Path.Combine(_dir, name), "--print-alerts",
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={_broker.Port}", "--Mqtt:AllowInsecure=true", $"--Mqtt:Gateway=gw-{name}",
        ]);
        if (feed is not null)
        {
            Assert.True(SpinWait.SpinUntil(() => gateway.Stderr.Any(l => l.Contains("rid-line", StringComparison.Ordinal) && l.Contains("open", StringComparison.Ordinal)), s_wait),
                "the gateway did not open the pty: " + string.Join('\n', gateway.Stderr));
            feed().GetAwaiter().GetResult();
        }

        Assert.True(gateway.WaitForStdout(IsIncursion, s_wait), $"{name}: no drone_incursion\n" + string.Join('\n', gateway.Stderr.TakeLast(20)));
        var alert = JsonNode.Parse(gateway.Stdout.First(IsIncursion))!["after"]!.AsObject();
        gateway.Signal(15);
        Assert.True(gateway.WaitForExit(s_wait), $"{name}: gateway did not stop on SIGTERM");
        return alert;
    }

    private static bool IsIncursion(string line) =>
        line.Contains("\"type\":\"new\"", StringComparison.Ordinal) && line.Contains("\"kind\":\"drone_incursion\"", StringComparison.Ordinal);

    private static JsonObject Comparable(JsonObject alert)
    {
        var copy = alert.DeepClone().AsObject();
        foreach (var key in new[] { "id", "first_seen", "last_seen", "evidence" })
        {
            copy.Remove(key);
        }

        return copy;
    }
}
