using System.Text.Json;
using Reintegratie.Edge.Cli;
using Reintegratie.Edge.Cli.Commands;

namespace Reintegratie.Edge.Cli.Tests.Decode;

public sealed class DecodePcapCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pcap-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Run_BeaconCapture_OneLinePerRemoteIdFrameAndCountsOnStderr()
    {
        var (code, stdout, stderr) = await Run("decode", "pcap", Capture("wifi-beacon-radiotap.pcap"));

        Assert.Equal(0, code);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal("2026-05-28T20:26:40.000000Z", root.GetProperty("time").GetString());
        Assert.Equal("WIFI_BEACON", root.GetProperty("transport").GetString());
        Assert.Equal("02:4F:AA:BB:CC:10", root.GetProperty("mac").GetString());
        Assert.Equal(-61, root.GetProperty("rssi").GetInt32());
        Assert.Equal(0, root.GetProperty("counter").GetInt32());
        Assert.Equal("MessagePack", root.GetProperty("message").GetProperty("msg_type").GetString());
        Assert.Contains("1 bad checksum", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Message_SameJsonAsDecodeOdid()
    {
        var (_, pcap, _) = await Run("decode", "pcap", Capture("ble-ll.pcap"));
        var (_, odid, _) = await Run("decode", "odid", "0212313538314635464b443232393430305445535400000000");

        using var line = JsonDocument.Parse(pcap);
        Assert.Equal(odid.Trim(), line.RootElement.GetProperty("message").GetRawText());
        Assert.Equal(JsonValueKind.Null, line.RootElement.GetProperty("rssi").ValueKind);
    }

    [Fact]
    public async Task Run_NotACapture_Exit1WithReason()
    {
        var path = Path.Combine(_dir, "lines.txt");
        await File.WriteAllTextAsync(path, "RID,BT4,-70,-,0212\n");

        var (code, stdout, stderr) = await Run("decode", "pcap", path);

        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("pcap magic", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoFile_Usage() => Assert.Equal(2, (await Run("decode", "pcap")).Code);

    private static string Capture(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reintegratie.Edge.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return Path.Combine(dir.FullName, "tests", "vectors", "captures", name);
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(stdout, stderr, TextReader.Null));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
