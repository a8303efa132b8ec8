using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Reintegratie.Edge.Sensors.Links;

namespace Reintegratie.Edge.IntegrationTests.Simulate;

/// <summary>
/// <c>edgectl simulate</c> (the real binary) against the real gateway process: an RF detector on a pty link at the
/// configured Port, a GSM umbrella on the configured Listen port, a bodycam drop folder; the journal must show all three.
/// </summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-simulate-").FullName;

    private string LinkPath => Path.Combine(_dir, "rf-1.tty");

    [Fact]
    public void Simulate_AgainstRunningGateway_JournalsDroneHandsetAndBodycamEvents()
    {
        var config = WriteConfig(gsmListen: $"0.0.0.0:{FreePort.Next()}");
        var scenario = WriteScenario(
            new JsonObject { ["at"] = 1, ["sensor"] = "rf-1", ["action"] = "track", ["note"] = "a drone north of the wall",
                ["args"] = new JsonObject { ["trackId"] = "7", ["fromBearing"] = 10, ["toBearing"] = 30, ["seconds"] = 12, ["rateHz"] = 2, ["protocol"] = "OCUSYNC" } },
            new JsonObject { ["at"] = 2, ["sensor"] = "gsm-1", ["action"] = "handset",
                ["args"] = new JsonObject { ["imsi"] = "204161122334455", ["imei"] = "490154203237518", ["mcc"] = 204, ["mnc"] = 16 } },
            new JsonObject { ["at"] = 3, ["sensor"] = "bodycam", ["action"] = "upload",
                ["args"] = new JsonObject { ["recordingId"] = "BC-2026-000900", ["unit"] = "Afdeling B" } },
            new JsonObject { ["at"] = 4, ["sensor"] = "gateway", ["action"] = "broker-outage", ["args"] = new JsonObject { ["seconds"] = 5 } });
        var stateDir = Directory.CreateDirectory(Path.Combine(_dir, "state")).FullName;

        using var gateway = ChildProcess.Start(RepoPaths.Gateway, ["--config", config, "--state-dir", stateDir, "--Mqtt:Embedded=true", $"--Mqtt:Port={FreePort.Next()}"]);
        var started = SpinWait.SpinUntil(() => gateway.HasExited || gateway.Stderr.Any(l => l.Contains("Gateway started", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
        Assert.True(started && !gateway.HasExited, "gateway did not start:\n" + string.Join('\n', gateway.Stderr.TakeLast(30)));

        var (exitCode, stdout, stderr) = ChildProcess.Run(RepoPaths.Edgectl, ["simulate", scenario, "--config", config], TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 0, $"edgectl simulate exited {exitCode}:\n{stderr}\n{stdout}");
        Assert.Contains(stdout.Split('\n'), l => l.Contains("rf-1", StringComparison.Ordinal) && l.Contains("track", StringComparison.Ordinal) && l.Contains("a drone north of the wall", StringComparison.Ordinal));
        Assert.Contains(stdout.Split('\n'), l => l.Contains("gateway", StringComparison.Ordinal) && l.Contains("broker-outage", StringComparison.Ordinal) && l.Contains("skipped", StringComparison.Ordinal));
        Assert.Contains("sensor fence-1 is not simulated", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(LinkPath) || new FileInfo(LinkPath).LinkTarget is not null, "the pty link was not removed on exit");

        var journal = Path.Combine(stateDir, "journal.db");
        HashSet<(string Kind, string Sensor)> events = [];
        var all = SpinWait.SpinUntil(() =>
        {
            events = JournalEvents(journal);
            if (events.Contains(("drone", "rf-1")) && events.Contains(("handset", "gsm-1")) && events.Contains(("bodycam", "bodycam")))
            {
                return true;
            }

            Thread.Sleep(250);
            return gateway.HasExited;
        }, TimeSpan.FromSeconds(60));
        Assert.True(all && !gateway.HasExited, "journal lacks drone/handset/bodycam events: " + string.Join(", ", events) + "\n" + string.Join('\n', gateway.Stderr.TakeLast(30)));

        gateway.Signal(15);
        Assert.True(gateway.WaitForExit(TimeSpan.FromSeconds(60)), "gateway did not stop on SIGTERM");
    }

    /// <summary>
    /// A gateway configured like a site (sensor links TLS only, no plaintext exception): the simulated GSM umbrella
    /// without certificates is refused at the door and the attempt journaled, and no handset gets in; with the
    /// certificate the site issued it (<c>--sensor-certs</c>, the layout of <c>edgectl provision</c>'s bundle) it links
    /// as the real one would and its handset is journaled; a certificate naming another gateway is refused by edgectl.
    /// </summary>
    [Fact]
    public void Simulate_WithSiteIssuedCertificates_LinksOverTls_WhilePlaintextIsRefusedAndJournaled()
    {
        var pki = WritePki("gsm-1");
        var config = WriteConfig(gsmListen: $"127.0.0.1:{FreePort.Next()}", sensorLinks: new JsonObject
        {
            ["Tls"] = new JsonObject { ["CaFile"] = pki.Ca, ["CertFile"] = pki.GatewayCert, ["KeyFile"] = pki.GatewayKey },
        });
        var stateDir = Directory.CreateDirectory(Path.Combine(_dir, "state")).FullName;
        using var gateway = ChildProcess.Start(RepoPaths.Gateway, ["--config", config, "--state-dir", stateDir, "--Mqtt:Embedded=true", $"--Mqtt:Port={FreePort.Next()}"]);
        var started = SpinWait.SpinUntil(() => gateway.HasExited || gateway.Stderr.Any(l => l.Contains("Gateway started", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
        Assert.True(started && !gateway.HasExited, "gateway did not start:\n" + string.Join('\n', gateway.Stderr.TakeLast(30)));
        var journal = Path.Combine(stateDir, "journal.db");

        var plaintext = WriteScenario(new JsonObject { ["at"] = 0, ["sensor"] = "gsm-1", ["action"] = "handset", ["args"] = new JsonObject { ["imsi"] = "204161122330001" } });
        _ = ChildProcess.Run(RepoPaths.Edgectl, ["simulate", plaintext, "--config", config], TimeSpan.FromSeconds(120));
        var refused = SpinWait.SpinUntil(() => Count(journal, "kind = 'sensor_health' AND sensor = 'gsm-1' AND payload LIKE '%\"reason\":\"unauthenticated_link\"%'") >= 1 || gateway.HasExited, TimeSpan.FromSeconds(60));
        Assert.True(refused && !gateway.HasExited, "the plaintext link was not journaled as unauthenticated_link:\n" + string.Join('\n', gateway.Stderr.TakeLast(30)));
        Assert.Equal(0, Count(journal, "kind = 'handset'"));

        var wrongName = ChildProcess.Run(RepoPaths.Edgectl, ["simulate", plaintext, "--config", config, "--sensor-certs", pki.Sensors, "--site-ca", pki.Ca, "--gateway-name", "pi-elsewhere"], TimeSpan.FromSeconds(120));
        Assert.Equal(1, wrongName.ExitCode);
        Assert.True(wrongName.Stderr.Contains("does not name 'pi-elsewhere'", StringComparison.Ordinal), "edgectl did not say the gateway's certificate names another host:\n" + wrongName.Stderr);

        var missing = ChildProcess.Run(RepoPaths.Edgectl, ["simulate", plaintext, "--config", config, "--sensor-certs", _dir, "--site-ca", pki.Ca], TimeSpan.FromSeconds(120));
        Assert.Equal(1, missing.ExitCode);
        Assert.True(missing.Stderr.Contains("gsm-1.crt' is missing", StringComparison.Ordinal), "edgectl did not name the missing certificate file:\n" + missing.Stderr);

        var (exitCode, stdout, stderr) = ChildProcess.Run(RepoPaths.Edgectl, ["simulate", plaintext, "--config", config, "--sensor-certs", pki.Sensors, "--site-ca", pki.Ca, "--gateway-name", "localhost"], TimeSpan.FromSeconds(120));
        Assert.True(exitCode == 0, $"edgectl simulate exited {exitCode}:\n{stderr}\n{stdout}");
        var linked = SpinWait.SpinUntil(() => Count(journal, "kind = 'handset' AND sensor = 'gsm-1'") >= 1 || gateway.HasExited, TimeSpan.FromSeconds(60));
        Assert.True(linked && !gateway.HasExited, "the handset sent over the site-certified link was not journaled:\n" + string.Join('\n', gateway.Stderr.TakeLast(30)));

        gateway.Signal(15);
        Assert.True(gateway.WaitForExit(TimeSpan.FromSeconds(60)), "gateway did not stop on SIGTERM");
    }

    [Fact]
    public void Simulate_Interrupted_RemovesThePtyLinkAndExits130()
    {
        var config = WriteConfig(gsmListen: null);
        var scenario = WriteScenario(
            new JsonObject { ["at"] = 0, ["sensor"] = "rf-1", ["action"] = "track", ["args"] = new JsonObject { ["trackId"] = "9", ["seconds"] = 300 } },
            new JsonObject { ["at"] = 290, ["sensor"] = "bodycam", ["action"] = "upload" });

        using var edgectl = ChildProcess.Start(RepoPaths.Edgectl, ["simulate", scenario, "--config", config]);
        var playing = edgectl.WaitForStdout(l => l.StartsWith("t+", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.True(playing, "no step played:\n" + string.Join('\n', edgectl.Stderr));
        Assert.StartsWith("/dev/pts/", new FileInfo(LinkPath).LinkTarget, StringComparison.Ordinal);

        edgectl.Signal(2);

        Assert.True(edgectl.WaitForExit(TimeSpan.FromSeconds(30)), "edgectl did not stop on SIGINT");
        Assert.Equal(130, edgectl.ExitCode);
        Assert.Null(new FileInfo(LinkPath).LinkTarget);
    }

    [Fact]
    public void Simulate_ListenOnPortZero_FailsWithOneLineReason()
    {
        var config = WriteConfig(gsmListen: "127.0.0.1:0");
        var scenario = WriteScenario(new JsonObject { ["at"] = 0, ["sensor"] = "gsm-1", ["action"] = "handset" });

        var (exitCode, _, stderr) = ChildProcess.Run(RepoPaths.Edgectl, ["simulate", scenario, "--config", config], TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var error = Assert.Single(stderr.Split('\n'), l => !l.Contains("warning", StringComparison.Ordinal));
        Assert.Contains("Site:Sensors:1:Listen", error, StringComparison.Ordinal);
        Assert.Contains("port 0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_WithoutConfig_IsAUsageError()
    {
        var (exitCode, _, stderr) = ChildProcess.Run(RepoPaths.Edgectl, ["simulate", "default"], TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains("--config", stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: the journal may still be closing
        }
    }

    private string WriteConfig(string? gsmListen, JsonObject? sensorLinks = null)
    {
        var sensors = new JsonArray(
            new JsonObject { ["Id"] = "rf-1", ["Family"] = "RfDetector", ["Zone"] = "Z1", ["Port"] = LinkPath, ["ReportingSeconds"] = 600 },
            new JsonObject { ["Id"] = "fence-1", ["Family"] = "Perimeter", ["Zone"] = "Z1", ["Driver"] = "simulated", ["Mode"] = "contact", ["Chip"] = 0, ["Line"] = 17, ["ReportingSeconds"] = 30 },
            new JsonObject { ["Id"] = "bodycam", ["Family"] = "Bodycam", ["Zone"] = "", ["DropFolder"] = Path.Combine(_dir, "drop"), ["ReportingSeconds"] = 0,
                ["Units"] = new JsonObject { ["Afdeling B"] = "wing-b" } });
        if (gsmListen is not null)
        {
            sensors.Insert(1, new JsonObject { ["Id"] = "gsm-1", ["Family"] = "Gsm", ["Zone"] = "wing-b", ["Listen"] = gsmListen, ["ReportingSeconds"] = 0 });
        }

        var path = Path.Combine(_dir, "gateway.json");
        File.WriteAllText(path, new JsonObject
        {
            ["Site"] = new JsonObject
            {
                ["Name"] = "simulate-rig",
                ["Zones"] = new JsonArray(new JsonObject { ["Id"] = "Z1", ["Name"] = "Noordhek" }, new JsonObject { ["Id"] = "wing-b", ["Name"] = "Afdeling B" }),
                ["Sectors"] = new JsonArray(new JsonObject { ["Sensor"] = "rf-1", ["FromDeg"] = 0, ["ToDeg"] = 360, ["Zone"] = "Z1" }),
                ["Sensors"] = sensors,
            },
            ["SensorLinks"] = sensorLinks ?? new JsonObject { ["AllowUnauthenticated"] = true }, // by default the simulator speaks plaintext from loopback
        }.ToJsonString());
        return path;
    }

    private string WriteScenario(params JsonObject[] steps)
    {
        var path = Path.Combine(_dir, "scenario.json");
        File.WriteAllText(path, new JsonObject { ["name"] = "rig", ["steps"] = new JsonArray(steps) }.ToJsonString());
        return path;
    }

    /// <summary>
    /// A site's certificates as a technician would hold them: the site CA, the gateway's sensor-link certificate for
    /// "localhost" (and the loopback addresses) with its key (0600), and <c>sensors/{name}.crt</c> and <c>.key</c> for
    /// each sensor, all in the one profile <c>edgectl provision</c> requests (<see cref="LinkCertificateProfile"/>).
    /// </summary>
    private (string Ca, string GatewayCert, string GatewayKey, string Sensors) WritePki(params string[] sensors)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "site-pki")).FullName;
        var sensorDir = Directory.CreateDirectory(Path.Combine(dir, "sensors")).FullName;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=test site CA, O=Reintegratie.Edge", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        var paths = (Ca: Path.Combine(dir, "ca.crt"), GatewayCert: Path.Combine(dir, "sensor-link.crt"), GatewayKey: Path.Combine(dir, "sensor-link.key"), Sensors: sensorDir);
        File.WriteAllText(paths.Ca, ca.ExportCertificatePem());
        Issue(ca, "localhost", serverAuth: true, paths.GatewayCert, paths.GatewayKey);
        foreach (var name in sensors)
        {
            Issue(ca, name, serverAuth: false, Path.Combine(sensorDir, name + ".crt"), Path.Combine(sensorDir, name + ".key"));
        }

        return paths;
    }

    private static void Issue(X509Certificate2 ca, string name, bool serverAuth, string certFile, string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LinkCertificateProfile.Request(name, key, serverAuth, serverAuth ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : null);
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        File.WriteAllText(certFile, issued.ExportCertificatePem());
        File.WriteAllText(keyFile, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite); // private before the key is in it
        }

        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }

    private static long Count(string journal, string where)
    {
        if (!File.Exists(journal))
        {
            return 0;
        }

        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = journal, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM journal WHERE type = 'event' AND " + where + ";";
        return (long)cmd.ExecuteScalar()!;
    }

    private static HashSet<(string Kind, string Sensor)> JournalEvents(string path)
    {
        var found = new HashSet<(string, string)>();
        if (!File.Exists(path))
        {
            return found;
        }

        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT DISTINCT kind, sensor FROM journal WHERE type = 'event' AND kind IS NOT NULL AND sensor IS NOT NULL;";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            found.Add((r.GetString(0), r.GetString(1)));
        }

        return found;
    }
}
