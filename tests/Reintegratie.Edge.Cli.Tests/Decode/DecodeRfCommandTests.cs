using System.Text.Json;
using Reintegratie.Edge.Cli;
using Reintegratie.Edge.Cli.Commands;

namespace Reintegratie.Edge.Cli.Tests.Decode;

public class DecodeRfCommandTests
{
    [Fact]
    public async Task Run_ValidSentence_PrintsParsedFields()
    {
        var (code, stdout, _) = await Run("decode", "rf", "$PRFDT,142306.00,RF1,T17,124.0,,-71,5785.0,OCUSYNC,88*6E");

        Assert.Equal(0, code);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("T17", root.GetProperty("track_id").GetString());
        Assert.Equal(124.0, root.GetProperty("bearing_deg").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("elevation_deg").ValueKind);
        Assert.Equal("OCUSYNC", root.GetProperty("protocol").GetString());
        Assert.Equal("14:23:06.00", root.GetProperty("time_utc").GetString());
    }

    [Fact]
    public async Task Run_BadChecksum_Exit1()
    {
        var (code, stdout, stderr) = await Run("decode", "rf", "$PRFDT,142306.00,RF1,T17,124.0,,-71,5785.0,OCUSYNC,88*6F");

        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("Checksum mismatch", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(stdout, stderr, TextReader.Null));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
