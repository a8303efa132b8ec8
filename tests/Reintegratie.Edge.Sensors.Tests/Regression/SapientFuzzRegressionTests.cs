using Reintegratie.Edge.Sensors.Sapient;

namespace Reintegratie.Edge.Sensors.Tests.Regression;

/// <summary>Inputs found by <c>make fuzz</c> (tests/Reintegratie.Edge.Fuzz), kept so they stay handled.</summary>
public sealed class SapientFuzzRegressionTests
{
    // sapient-frame crash id:000000 (AFL++, 2026-11-23): a DetectionReport-shaped frame whose Timestamp has
    // seconds far outside 0001..9999. SapientJson.Format threw InvalidOperationException ("Non-normalized timestamp
    // value") on it; the listener's path must reject it as non-conforming instead.
    private const string TimestampOutOfRangeFrameHex =
        "670000000A0B08A191A0A5F1F8ACF7960D122461383635346364662D343332382D1B3764652D383166612D6334393535373965" +
        "333063381A2461383635346364662D343332382D343764652D383166612D6334393535383965333063392A0C08011A084163636570746564";

    [Fact]
    public void TryDecode_TimestampOutOfRangeFrame_DecodesAndValidatorNamesTheTimestamp()
    {
        var frame = Convert.FromHexString(TimestampOutOfRangeFrameHex);

        var ok = SapientFraming.TryDecode(frame, SapientFraming.DefaultMaxFrameBytes, out var message, out var consumed, out var error);
        var violation = SapientValidator.Validate(message!);

        Assert.True(ok, error);
        Assert.Equal(frame.Length, consumed);
        Assert.NotNull(violation);
        Assert.StartsWith("timestamp", violation.Value.Path, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("between 0001 and 9999", violation.Value.Reason);
    }
}
