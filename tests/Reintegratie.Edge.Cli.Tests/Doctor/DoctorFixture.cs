using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Cli.Commands;
using Reintegratie.Edge.Cli.Commands.Doctor;

namespace Reintegratie.Edge.Cli.Tests.Doctor;

/// <summary>A temp directory with a small configuration, and a way to run the doctor on it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class DoctorFixture : IDisposable
{
    public DoctorFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("doctor-").FullName;
        var key = Path.Combine(Directory, "privacy.key");
        File.WriteAllBytes(key, new byte[32]);
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        Config = new JsonObject
        {
            ["Mqtt"] = new JsonObject { ["Host"] = "", ["AllowInsecure"] = true },
            ["Journal"] = new JsonObject { ["Path"] = Path.Combine(Directory, "journal.db") },
            ["Privacy"] = new JsonObject { ["KeyFile"] = key },
            ["Site"] = new JsonObject
            {
                ["Name"] = "PI Test",
                ["Zones"] = new JsonArray(new JsonObject { ["Id"] = "Z1" }, new JsonObject { ["Id"] = "Z2", ["Adjacent"] = new JsonArray("Z1") }),
                ["Sensors"] = new JsonArray(),
            },
        };
    }

    public string Directory { get; }

    public JsonObject Config { get; }

    public bool ClockSynchronised { get; set; } = true;

    public void AddSensor(JsonObject sensor) => ((JsonArray)Config["Site"]!["Sensors"]!).Add(sensor);

    /// <summary>A loopback port with nothing listening (bound once, then released).</summary>
    public static int ClosedPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async Task<(int Exit, string Out, string Err)> RunAsync(params string[] extra)
    {
        var file = Path.Combine(Directory, "appsettings.json");
        await File.WriteAllTextAsync(file, Config.ToJsonString());
        var probes = new DoctorProbes(new FixedClock(ClockSynchronised), new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)),
            "no-such-user-reintegratie", TimeSpan.FromSeconds(10));
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await new DoctorCommand(probes).RunAsync(["--config", file, .. extra], new CliConsole(output, error, TextReader.Null), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
