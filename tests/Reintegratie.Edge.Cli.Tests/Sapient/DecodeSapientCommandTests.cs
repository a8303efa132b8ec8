using Reintegratie.Edge.Cli.Commands;
using Reintegratie.Edge.Sensors.Sapient;

namespace Reintegratie.Edge.Cli.Tests.Sapient;

public sealed class DecodeSapientCommandTests
{
    private static readonly Guid s_node = Guid.Parse("a8654cdf-4328-47de-81fa-c495589e30c9");

    private static async Task<(int Code, string Out, string Err)> Run(string[] args, TextReader? input = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, input ?? TextReader.Null));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Decode_BinaryFileWithTwoFrames_TwoJsonLines()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, [.. SapientFraming.Encode(SapientMessages.Alert(s_node, "gate open", null, at)), .. SapientFraming.Encode(SapientMessages.RegistrationAck(s_node, s_node, true, null, at))]);
        try
        {
            var (code, output, _) = await Run(["decode", "sapient", file]);

            Assert.Equal(0, code);
            var lines = output.Trim().Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.Contains("\"description\": \"gate open\"", lines[0]);
            Assert.Contains("\"acceptance\": true", lines[1]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Decode_HexOnStdin_Json()
    {
        var frame = SapientFraming.Encode(SapientMessages.Alert(s_node, "x", null, DateTimeOffset.UnixEpoch));

        var (code, output, _) = await Run(["decode", "sapient", "-", "--hex"], new StringReader(Convert.ToHexString(frame)));

        Assert.Equal(0, code);
        Assert.Contains(s_node.ToString(), output);
    }

    [Fact]
    public async Task Decode_OversizeLength_ExitOneWithReason()
    {
        var (code, _, error) = await Run(["decode", "sapient", "-", "--hex"], new StringReader("FFFFFF7F00"));

        Assert.Equal(1, code);
        Assert.Contains("exceeds the limit", error);
    }
}
