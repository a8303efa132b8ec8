using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Cli.Commands;

namespace Reintegratie.Edge.Cli.Tests.Doctor;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DoctorCommandTests
{
    [Fact]
    public async Task Run_HealthyMinimalConfig_PassesEverything()
    {
        using var f = new DoctorFixture();

        var (exit, output, _) = await f.RunAsync();

        Assert.Equal(0, exit);
        Assert.DoesNotContain("[FAIL]", output);
        Assert.Contains("All", output);
    }

    [Fact]
    public async Task Run_SerialPortMissing_NamesPortAndSensorWithFix()
    {
        using var f = new DoctorFixture();
        var port = Path.Combine(f.Directory, "ttyUSB7");
        f.AddSensor(new JsonObject { ["Id"] = "rid-1", ["Family"] = "RemoteId", ["Port"] = port, ["Baud"] = 115200 });

        var (exit, output, _) = await f.RunAsync();

        Assert.Equal(1, exit);
        Assert.Contains($"[FAIL] Serial port {port} for sensor rid-1 is missing", output);
        Assert.Contains("fix: check the USB cable", output);
        Assert.Contains("Site:Sensors:0:Port", output);
    }

    [Fact]
    public async Task Run_SerialPortPresent_Passes()
    {
        using var f = new DoctorFixture();
        var port = Path.Combine(f.Directory, "ttyUSB0");
        await File.WriteAllTextAsync(port, string.Empty);
        f.AddSensor(new JsonObject { ["Id"] = "rf-1", ["Family"] = "RfDetector", ["Port"] = port });

        var (exit, output, _) = await f.RunAsync();

        Assert.Equal(0, exit);
        Assert.Contains($"[ OK ] Serial port {port} for sensor rf-1 is present", output);
    }

    [Fact]
    public async Task Run_BrokerPortClosed_ReportsUnreachable()
    {
        using var f = new DoctorFixture();
        var port = DoctorFixture.ClosedPort();
        f.Config["Mqtt"] = new JsonObject { ["Host"] = "127.0.0.1", ["Port"] = port, ["AllowInsecure"] = true };

        var (exit, output, _) = await f.RunAsync();

        Assert.Equal(1, exit);
        Assert.Contains($"[FAIL] Broker 127.0.0.1:{port} is unreachable", output);
    }

    [Fact]
    public async Task Run_BrokerListening_PassesTcp()
    {
        using var f = new DoctorFixture();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        f.Config["Mqtt"] = new JsonObject { ["Host"] = "127.0.0.1", ["Port"] = port, ["AllowInsecure"] = true };

        var (exit, output, _) = await f.RunAsync();

        Assert.Equal(0, exit);
        Assert.Contains($"[ OK ] Broker 127.0.0.1:{port} accepts TCP connections", output);
        Assert.Contains("[WARN] MQTT runs without TLS", output);
    }

    [Fact]
    public async Task Run_ClockUnsynchronised_FailsWithNtpFix()
    {
        using var f = new DoctorFixture { ClockSynchronised = false };

        var (exit, output, _) = await f.RunAsync();

        Assert.Equal(1, exit);
        Assert.Contains("[FAIL] Clock is not synchronised", output);
        Assert.Contains("timedatectl", output);
    }

    [Fact]
    public async Task Run_UnknownAdjacentZone_Exit78NamingTheKey()
    {
        using var f = new DoctorFixture();
        ((JsonObject)((JsonArray)f.Config["Site"]!["Zones"]!)[1]!)["Adjacent"] = new JsonArray("Z9");

        var (exit, output, _) = await f.RunAsync();

        Assert.Equal(78, exit);
        Assert.Contains("Configuration key Site:Zones:1:Adjacent:0 is wrong: unknown zone 'Z9'", output);
    }

    [Fact]
    public async Task Run_JournalIntact_PassesQuickCheck()
    {
        using var f = new DoctorFixture();
        var path = f.Config["Journal"]!["Path"]!.GetValue<string>();
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE t(x); INSERT INTO t VALUES (1);";
            cmd.ExecuteNonQuery();
        }

        var (exit, output, _) = await f.RunAsync();

        Assert.Equal(0, exit);
        Assert.Contains("passes SQLite quick_check", output);
    }

    [Fact]
    public async Task Run_PrivacyKeyReadableByOthers_Fails()
    {
        using var f = new DoctorFixture();
        File.SetUnixFileMode(f.Config["Privacy"]!["KeyFile"]!.GetValue<string>(), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (exit, output, _) = await f.RunAsync();

        Assert.Equal(1, exit);
        Assert.Contains("is readable by others", output);
    }

    [Fact]
    public async Task Run_Json_HasOkCountsAndChecks()
    {
        using var f = new DoctorFixture { ClockSynchronised = false };
        f.AddSensor(new JsonObject { ["Id"] = "rid-1", ["Family"] = "RemoteId", ["Port"] = Path.Combine(f.Directory, "missing") });

        var (exit, output, _) = await f.RunAsync("--json");

        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal(2, root.GetProperty("failed").GetInt32());
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.All(checks, c =>
        {
            Assert.Contains(c.GetProperty("status").GetString(), new[] { "pass", "warn", "fail" });
            Assert.False(string.IsNullOrEmpty(c.GetProperty("message").GetString()));
            Assert.True(c.TryGetProperty("fix", out _));
        });
        Assert.Contains(checks, c => c.GetProperty("check").GetString() == "serial" && c.GetProperty("status").GetString() == "fail");
        Assert.Contains(checks, c => c.GetProperty("check").GetString() == "clock" && c.GetProperty("status").GetString() == "fail");
    }

    [Fact]
    public async Task Run_ConfigFileMissing_Exit78NamingTheFile()
    {
        var output = new StringWriter();

        var exit = await CliApp.RunAsync(["doctor", "--config", "/nonexistent/appsettings.json"], new CliConsole(output, new StringWriter(), TextReader.Null));

        Assert.Equal(78, exit);
        Assert.Contains("Configuration file /nonexistent/appsettings.json is missing", output.ToString());
    }
}
