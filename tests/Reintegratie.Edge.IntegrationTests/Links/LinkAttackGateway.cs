using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Sensors.Sapient.Proto;
using Reintegratie.Edge.Sensors.Tests.Links;
using Task = System.Threading.Tasks.Task;

namespace Reintegratie.Edge.IntegrationTests.Links;

/// <summary>
/// The real gateway process with sensor links as in production (TLS with client certificates of the site CA, no
/// plaintext allow-list): two SAPIENT radars, a GSM umbrella and a bodycam drop folder, against a real mosquitto. The
/// real radar-1 is connected, registered and reporting tamper before any attack. radar-2's valid certificate is the
/// attacker's foothold (a stolen or compromised node).
/// </summary>
public sealed class LinkAttackGateway : IAsyncLifetime
{
    public static readonly Guid Radar1 = Guid.Parse("5f0a6d0e-3c1b-4b7e-9a52-2f8c1d4e7a10");
    public static readonly Guid Radar2 = Guid.Parse("0b6f7a52-1d3e-4c5f-8a9b-2c3d4e5f6a7b");

    public string Dir { get; } = Directory.CreateTempSubdirectory("edge-links-").FullName;

    internal TestPki Pki { get; } = new();

    public IPEndPoint Sapient { get; } = new(IPAddress.Loopback, FreePort.Next());

    public IPEndPoint Gsm { get; } = new(IPAddress.Loopback, FreePort.Next());

    public string Inbox => Path.Combine(Dir, "inbox");

    public string JournalPath => Path.Combine(Dir, "journal.db");

    public ChildProcess Gateway { get; private set; } = null!;

    public MosquittoBroker Broker { get; private set; } = null!;

    /// <summary>The real radar's link (registered, reporting tamper).</summary>
    public SslStream RealRadar { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Inbox);
        Broker = await MosquittoBroker.StartNewAsync();
        var zone = new JsonArray(Point(51.99, 4.99), Point(51.99, 5.01), Point(52.01, 5.01), Point(52.01, 4.99));
        var config = new JsonObject
        {
            ["Site"] = new JsonObject
            {
                ["Name"] = "PI Links",
                ["Geofence"] = zone.DeepClone(),
                ["Zones"] = new JsonArray(new JsonObject { ["Id"] = "Z1", ["Name"] = "Noordhek", ["Kind"] = "perimeter", ["Polygon"] = zone.DeepClone() }),
                ["Sensors"] = new JsonArray(
                    Radar("radar-1", Radar1),
                    Radar("radar-2", Radar2),
                    new JsonObject { ["Id"] = "gsm-1", ["Family"] = "Gsm", ["Zone"] = "Z1", ["ReportingSeconds"] = 120, ["Listen"] = Gsm.ToString() },
                    new JsonObject { ["Id"] = "bodycam-1", ["Family"] = "Bodycam", ["Zone"] = "", ["ReportingSeconds"] = 0, ["DropFolder"] = Inbox, ["RescanSeconds"] = 1, ["StableMs"] = 100 }),
            },
            ["SensorLinks"] = new JsonObject
            {
                ["AllowUnauthenticated"] = false,
                ["Tls"] = new JsonObject { ["CaFile"] = Pki.CaFile, ["CertFile"] = Path.Combine(Pki.Directory, "link.crt"), ["KeyFile"] = Path.Combine(Pki.Directory, "link.key") },
                ["MaxPending"] = 4,
                ["MaxPendingPerPeer"] = 2,
            },
            ["Mqtt"] = new JsonObject { ["Host"] = "127.0.0.1", ["Port"] = Broker.Port, ["AllowInsecure"] = true, ["Site"] = "pi-links", [nameof(Gateway)] = "gw-1" },
            ["Journal"] = new JsonObject { ["Path"] = JournalPath },
        };
        var file = Path.Combine(Dir, "gateway.json");
        await File.WriteAllTextAsync(file, config.ToJsonString());
        Gateway = ChildProcess.Start(RepoPaths.Gateway, ["--config", file, "--state-dir", Dir]);

        RealRadar = await ConnectWithRetryAsync("radar-1");
        await RegisterAsync(RealRadar, Radar1);
        var tamper = SapientMessages.StatusReport(Radar1, StatusReport.Types.System.Ok, null, DateTimeOffset.UtcNow);
        tamper.StatusReport.Status.Add(new StatusReport.Types.Status
        {
            StatusLevel = StatusReport.Types.StatusLevel.WarningStatus, StatusType = StatusReport.Types.StatusType.Other, StatusValue = "tamper: enclosure open",
        });
        await SapientFraming.WriteAsync(RealRadar, tamper, CancellationToken.None);
        await Wait.UntilAsync(() => Count("type = 'alert' AND kind = 'perimeter_tamper'") >= 1, TimeSpan.FromSeconds(30), "perimeter_tamper raised by the real radar");
    }

    public async Task DisposeAsync()
    {
        await RealRadar.DisposeAsync();
        Gateway.Signal(15);
        Gateway.WaitForExit(TimeSpan.FromSeconds(30));
        Gateway.Dispose();
        await Broker.DisposeAsync();
        Pki.Dispose();
        Directory.Delete(Dir, recursive: true);
    }

    /// <summary>A TLS link to <paramref name="endpoint"/> (default the SAPIENT port) with <paramref name="certificate"/>'s certificate.</summary>
    public Task<SslStream> ConnectAsync(string certificate, IPEndPoint? endpoint = null) => Pki.ConnectAsync(endpoint ?? Sapient, certificate);

    public static async Task RegisterAsync(Stream link, Guid node)
    {
        await SapientFraming.WriteAsync(link, SapientMessages.Registration(node, node.ToString(), TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow), CancellationToken.None);
        var ack = await new SapientFrameReader(link).ReadAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(ack!.RegistrationAck.Acceptance);
    }

    /// <summary>Journal rows matching <paramref name="where"/>.</summary>
    public long Count(string where) => JournalRows.Count(JournalPath, where);

    /// <summary>Journaled link attacks on <paramref name="sensor"/> with <paramref name="reason"/>.</summary>
    public long LinkFaults(string sensor, string reason) =>
        Count($"type = 'event' AND kind = 'sensor_health' AND sensor = '{sensor}' AND payload LIKE '%\"reason\":\"{reason}\"%'");

    /// <summary>Alert revisions that end an alert of <paramref name="kind"/>.</summary>
    public long Ended(string kind) => Count($"type = 'alert' AND kind = '{kind}' AND payload LIKE '%\"ended_at\":\"%'");

    private async Task<SslStream> ConnectWithRetryAsync(string certificate)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            try
            {
                return await ConnectAsync(certificate);
            }
            catch (Exception e) when (e is SocketException or IOException && DateTime.UtcNow < deadline && !Gateway.HasExited)
            {
                await Task.Delay(100);
            }
            catch (Exception) when (Gateway.HasExited)
            {
                throw new InvalidOperationException("gateway exited:\n" + string.Join('\n', Gateway.Stderr.TakeLast(30)));
            }
        }
    }

    private JsonObject Radar(string id, Guid node) => new()
    {
        ["Id"] = id, ["Family"] = "Sapient", ["Zone"] = "", ["ReportingSeconds"] = 30, ["Listen"] = Sapient.ToString(), ["NodeId"] = node.ToString(),
        ["CertificateName"] = id, ["Position"] = Point(52.0, 5.0),
    };

    private static JsonObject Point(double lat, double lon) => new() { ["Lat"] = lat, ["Lon"] = lon };
}
