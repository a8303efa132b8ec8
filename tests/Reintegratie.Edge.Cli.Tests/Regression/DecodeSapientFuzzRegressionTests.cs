using Reintegratie.Edge.Cli.Commands;

namespace Reintegratie.Edge.Cli.Tests.Regression;

/// <summary>Inputs found by <c>make fuzz</c> (tests/Reintegratie.Edge.Fuzz), kept so they stay handled.</summary>
public sealed class DecodeSapientFuzzRegressionTests
{
    // sapient-frame crash id:000000 (AFL++, 2026-11-23): a well-framed SapientMessage whose Timestamp has seconds
    // far outside 0001..9999. SapientJson.Format (Google.Protobuf JsonFormatter) throws InvalidOperationException
    // "Non-normalized timestamp value", which escapes DecodeSapientCommand and CliApp: edgectl dies with an unhandled
    // exception instead of exit 1 and a reason.
    private const string TimestampOutOfRangeFrameHex =
        "670000000A0B08A191A0A5F1F8ACF7960D122461383635346364662D343332382D1B3764652D383166612D6334393535373965" +
        "333063381A2461383635346364662D343332382D343764652D383166612D6334393535383965333063392A0C08011A084163636570746564";

    [Fact]
    public async Task Decode_TimestampOutsideJsonRange_ExitOneWithReason()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CliApp.RunAsync(["decode", "sapient", "-", "--hex"], new CliConsole(output, error, new StringReader(TimestampOutOfRangeFrameHex)));

        Assert.Equal(1, code);
        Assert.Contains("frame 1", error.ToString());
        Assert.Contains("timestamp", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
