using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using MQTTnet;
using MQTTnet.Protocol;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Sensors.Tests.Links;
using Xunit.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace Reintegratie.Edge.IntegrationTests.Links;

/// <summary>
/// Inline socket completions (<c>Gateway:InlineSocketCompletions</c>, turned on here; off by default) against the real gateway process:
/// every socket of the process shares one socket engine thread (<c>DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT=1</c>), the
/// ring has 64 slots and the test holds the journal's write lock, so a SAPIENT radar flooding detections over TLS finds
/// the ring full and its link waits. Meanwhile MQTT through the gateway's embedded broker (the same engine thread) keeps
/// flowing: a QoS 1 message is acknowledged and delivered while the link waits. Once the journal is released, every
/// detection sent is journaled.
/// </summary>
public sealed class SocketEngineIsolationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Detections = 1000;
    private static readonly Guid s_radar = Guid.Parse("5f0a6d0e-3c1b-4b7e-9a52-2f8c1d4e7a10");
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    private readonly string _dir = Directory.CreateTempSubdirectory("edge-engine-").FullName;
    private readonly IPEndPoint _sapient = new(IPAddress.Loopback, FreePort.Next());
    private readonly int _mqttPort = FreePort.Next();
    private TestPki _pki = null!;
    private ChildProcess _gateway = null!;

    private string JournalPath => Path.Combine(_dir, "journal.db");

    public async Task InitializeAsync()
    {
        _pki = new TestPki();
        var zone = new JsonArray(Point(51.99, 4.99), Point(51.99, 5.01), Point(52.01, 5.01), Point(52.01, 4.99));
        var config = new JsonObject
        {
            ["Site"] = new JsonObject
            {
                ["Name"] = "PI Engine",
                ["Geofence"] = zone.DeepClone(),
                ["Zones"] = new JsonArray(new JsonObject { ["Id"] = "Z1", ["Name"] = "Noordhek", ["Kind"] = "perimeter", ["Polygon"] = zone.DeepClone() }),
                ["Sensors"] = new JsonArray(new JsonObject
                {
                    ["Id"] = "radar-1", ["Family"] = "Sapient", ["Zone"] = "", ["ReportingSeconds"] = 60, ["Listen"] = _sapient.ToString(), ["NodeId"] = s_radar.ToString(),
                    ["CertificateName"] = "radar-1", ["Position"] = Point(52.0, 5.0),
                }),
            },
            ["SensorLinks"] = new JsonObject
            {
                ["AllowUnauthenticated"] = false,
                ["Tls"] = new JsonObject { ["CaFile"] = _pki.CaFile, ["CertFile"] = Path.Combine(_pki.Directory, "link.crt"), ["KeyFile"] = Path.Combine(_pki.Directory, "link.key") },
            },
            ["Pipeline"] = new JsonObject { ["Capacity"] = 64 },
            ["Gateway"] = new JsonObject { ["InlineSocketCompletions"] = true },
            ["Mqtt"] = new JsonObject { ["Embedded"] = true, ["Port"] = _mqttPort, ["Site"] = "pi-engine", ["Gateway"] = "gw-1" },
            ["Journal"] = new JsonObject { ["Path"] = JournalPath },
        };
        var file = Path.Combine(_dir, "gateway.json");
        await File.WriteAllTextAsync(file, config.ToJsonString());
        _gateway = ChildProcess.Start(RepoPaths.Gateway, ["--config", file, "--state-dir", _dir], new Dictionary<string, string> { ["DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT"] = "1" });
    }

    public Task DisposeAsync()
    {
        _gateway.Signal(15);
        _gateway.WaitForExit(TimeSpan.FromSeconds(30));
        _gateway.Dispose();
        _pki.Dispose();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SapientFloodIntoFullRing_JournalHeld_MqttKeepsFlowingAndEveryDetectionJournaled()
    {
        await Wait.UntilAsync(() => Logged("Inline socket completions on"), s_wait, "the gateway's log line that inline socket completions are in effect");
        await using var radar = await ConnectWithRetryAsync();
        await SapientFraming.WriteAsync(radar, SapientMessages.Registration(s_radar, "radar-1", TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow), CancellationToken.None);
        var ack = await new SapientFrameReader(radar).ReadAsync(CancellationToken.None).AsTask().WaitAsync(s_wait);
        Assert.True(ack!.RegistrationAck.Acceptance);
        using var mqtt = await ConnectMqttAsync();
        await Wait.UntilAsync(() => Count("1 = 1") > 0, s_wait, "the journal written");
        var before = Count("type = 'event' AND kind = 'drone' AND sensor = 'radar-1'");

        using (var hold = HoldJournal())
        {
            var held = Stopwatch.StartNew();
            var track = SapientIds.NewUlid(DateTimeOffset.UtcNow);
            var flood = Task.Run(async () =>
            {
                for (var i = 0; i < Detections; i++)
                {
                    var d = SapientMessages.Detection(s_radar, track, 52.001, 5.002, 40, "Air Vehicle", "UAV Rotary Wing", 0.9f, DateTimeOffset.UtcNow);
                    await SapientFraming.WriteAsync(radar, d, CancellationToken.None);
                }
            });
            await Wait.UntilAsync(() => Logged("Ring full: producer of a"), TimeSpan.FromSeconds(2),
                () => $"the radar's link waiting on the full ring; drone events journaled {Count("type = 'event' AND kind = 'drone'") - before}, log:\n" + string.Join('\n', _gateway.Stderr.TakeLast(15)));

            var roundTrip = Stopwatch.StartNew();
            var delivered = await RoundTripAsync(mqtt, TimeSpan.FromSeconds(2));
            output.WriteLine($"MQTT QoS 1 round trip while the link waits on the full ring: {roundTrip.Elapsed.TotalMilliseconds:F1} ms (journal held {held.Elapsed.TotalMilliseconds:F0} ms)");
            Assert.True(delivered, "no PUBACK and delivery through the embedded broker within 2 s while a sensor link waited on the full ring");
            Assert.Equal(before, Count("type = 'event' AND kind = 'drone' AND sensor = 'radar-1'")); // still held: nothing passed the journal meanwhile
            hold.Dispose();
            await flood.WaitAsync(s_wait);
        }

        await Wait.UntilAsync(() => Count("type = 'event' AND kind = 'drone' AND sensor = 'radar-1'") - before >= Detections, TimeSpan.FromSeconds(60),
            $"all {Detections} detections journaled");
        Assert.Equal(Detections, Count("type = 'event' AND kind = 'drone' AND sensor = 'radar-1'") - before);
        Assert.False(_gateway.HasExited, "the gateway exited:\n" + string.Join('\n', _gateway.Stderr.TakeLast(20)));
    }

    private static async Task<bool> RoundTripAsync(IMqttClient client, TimeSpan within)
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult();
            return Task.CompletedTask;
        };
        var message = new MqttApplicationMessageBuilder().WithTopic("test/engine").WithPayload("ping"u8.ToArray()).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        var result = await client.PublishAsync(message).WaitAsync(within);
        return result.IsSuccess && await Task.WhenAny(received.Task, Task.Delay(within)) == received.Task;
    }

    private async Task<IMqttClient> ConnectMqttAsync()
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _mqttPort).WithClientId("engine-test").WithCleanSession().Build();
        await client.ConnectAsync(options).WaitAsync(s_wait);
        await client.SubscribeAsync("test/engine", MqttQualityOfServiceLevel.AtLeastOnce).WaitAsync(s_wait);
        return client;
    }

    /// <summary>
    /// The journal's write lock, held until disposed (the gateway's writer waits in SQLite's busy handler, 5 s at most:
    /// the test holds it for at most 2 s for the ring to fill plus 2 s for the round trip).
    /// </summary>
    private SqliteConnection HoldJournal()
    {
        var c = new SqliteConnection($"Data Source={JournalPath};Mode=ReadWrite;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA busy_timeout=10000; BEGIN IMMEDIATE;";
        cmd.ExecuteNonQuery();
        return c; // disposing rolls the empty transaction back and releases the lock
    }

    private long Count(string where) => JournalRows.Count(JournalPath, where);

    private bool Logged(string text) => _gateway.Stderr.Any(l => l.Contains(text, StringComparison.Ordinal));

    private async Task<SslStream> ConnectWithRetryAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            try
            {
                return await _pki.ConnectAsync(_sapient, "radar-1");
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException && DateTime.UtcNow < deadline && !_gateway.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static JsonObject Point(double lat, double lon) => new() { ["Lat"] = lat, ["Lon"] = lon };
}
