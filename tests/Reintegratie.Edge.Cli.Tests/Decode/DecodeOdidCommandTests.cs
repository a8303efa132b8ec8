using System.Text.Json;
using Reintegratie.Edge.Cli;
using Reintegratie.Edge.Cli.Commands;

namespace Reintegratie.Edge.Cli.Tests.Decode;

public class DecodeOdidCommandTests
{
    [Fact]
    public async Task Run_LocationHex_PrintsOneJsonObject()
    {
        var (code, stdout, _) = await Run("decode", "odid", "122624160a473ecb1e714327039808f30870086b5339300200");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("Location", doc.RootElement.GetProperty("msg_type").GetString());
        Assert.Equal(51.6636231, doc.RootElement.GetProperty("latitude").GetDouble());
        Assert.Equal(216, doc.RootElement.GetProperty("direction_deg").GetDouble());
    }

    [Fact]
    public async Task Run_Pack_PrintsMessagePackWithMessages()
    {
        var (code, stdout, _) = await Run("decode", "odid", "f219020212313538314635464b443232393430305445535400000000122624160a473ecb1e714327039808f30870086b5339300200");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("MessagePack", doc.RootElement.GetProperty("msg_type").GetString());
        Assert.Equal("1581F5FKD229400TEST", doc.RootElement.GetProperty("messages")[0].GetProperty("uas_id").GetString());
    }

    [Fact]
    public async Task Run_UnknownValues_NullByDefaultPlaceholdersWithReference()
    {
        const string hex = "1213b5ff7e00000000000000000000000000000000ffff0000";

        var (_, plain, _) = await Run("decode", "odid", hex);
        var (_, reference, _) = await Run("decode", "odid", hex, "--reference");

        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(plain).RootElement.GetProperty("direction_deg").ValueKind);
        Assert.Equal(361, JsonDocument.Parse(reference).RootElement.GetProperty("direction_deg").GetDouble());
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("0212")]
    [InlineData("7213b5ff7e00000000000000000000000000000000ffff0000")]
    [InlineData("f2190302")]
    public async Task Run_BadInput_Exit1WithOneLineReason(string hex)
    {
        var (code, stdout, stderr) = await Run("decode", "odid", hex);

        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Run_NoHex_Usage()
    {
        var (code, _, _) = await Run("decode", "odid");

        Assert.Equal(2, code);
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(stdout, stderr, TextReader.Null));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
