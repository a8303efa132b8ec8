using Reintegratie.Edge.Sensors.Gsm;

namespace Reintegratie.Edge.Sensors.Tests.Gsm;

public sealed class GsmLineRedactorTests
{
    [Theory]
    [InlineData("{\"imsi\":\"204081234567890\"}", "{\"imsi\":\"#\"}")]
    [InlineData("a 12345 b", "a 12345 b")]
    [InlineData("x123456y", "x#y")]
    [InlineData("204 08 1234567890", "#")]
    [InlineData("204-08-12345-67890", "#")]
    [InlineData("\\u0032\\u003004081234567890", "#")]
    [InlineData("tab\there\u00e9", "tab?here??")]
    public void Redact_DigitRuns_Replaced(string input, string expected)
    {
        Assert.Equal(expected, GsmLineRedactor.Redact(System.Text.Encoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void Redact_LongLine_CappedWithEllipsis()
    {
        var text = GsmLineRedactor.Redact(new byte[1000].AsSpan().ToArray().Select(_ => (byte)'a').ToArray());

        Assert.Equal(GsmLineRedactor.MaxShownBytes + 3, text.Length);
        Assert.EndsWith("...", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_ValidLine_NoIdentifierDigitsLeft()
    {
        var text = GsmLineRedactor.Redact(GsmTestLines.Bytes(GsmTestLines.Line()));

        Assert.DoesNotContain(GsmTestLines.Imsi, text, StringComparison.Ordinal);
        Assert.DoesNotContain(GsmTestLines.Imei[..6], text, StringComparison.Ordinal);
        Assert.DoesNotContain(GsmTestLines.Imsi[^6..], text, StringComparison.Ordinal);
    }
}
