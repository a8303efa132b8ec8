using CsCheck;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Gsm;
using Reintegratie.Edge.Sensors.Privacy;
using Reintegratie.Edge.Sensors.Tests.Privacy;

namespace Reintegratie.Edge.Sensors.Tests.Gsm;

public sealed class GsmLineParserTests
{
    private readonly Pseudonymiser _p = TestKeys.Create();

    private bool Parse(string line, out GsmLine parsed, out string reason) =>
        GsmLineParser.TryParse(GsmTestLines.Bytes(line), GsmTestLines.Table, _p, out parsed, out reason);

    [Fact]
    public void TryParse_ValidLine_AllFields()
    {
        var ok = Parse(GsmTestLines.Line(action: "denied", sensor: "gsm-2", time: "2025-03-01T13:00:00+01:00"), out var line, out var reason);

        Assert.True(ok, reason);
        Assert.Equal(1, line.Entry);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero), line.Time);
        Assert.Equal(TimeSpan.Zero, line.Time.Offset);
        Assert.Equal(RadioTechnology.Lte, line.Handset.Technology);
        Assert.Equal(20, line.Handset.Band);
        Assert.Equal(6300, line.Handset.Channel);
        Assert.Equal(-61.5f, line.Handset.UplinkDbm);
        Assert.Equal(204, line.Handset.Mcc);
        Assert.Equal(8, line.Handset.Mnc);
        Assert.Equal(HandsetAction.Denied, line.Handset.Action);
        Assert.Equal(_p.Pseudonymise(IdentifierKind.Imsi, GsmTestLines.Bytes(GsmTestLines.Imsi)), line.Handset.Imsi);
        Assert.Equal(_p.Pseudonymise(IdentifierKind.Imei, GsmTestLines.Bytes(GsmTestLines.Imei)), line.Handset.Imei);
    }

    [Fact]
    public void TryParse_NoIdentifiers_ValidWithoutPseudonyms()
    {
        var ok = Parse(GsmTestLines.Line(imsi: null, imei: null), out var line, out _);

        Assert.True(ok);
        Assert.False(line.Handset.Imsi.HasValue);
        Assert.False(line.Handset.Imei.HasValue);
    }

    [Fact]
    public void TryParse_Imei14Digits_SamePseudonymAsWithCheckDigit()
    {
        Parse(GsmTestLines.Line(imei: GsmTestLines.Imei14), out var short14, out _);
        Parse(GsmTestLines.Line(imei: GsmTestLines.Imei), out var full15, out _);

        Assert.True(short14.Handset.Imei.HasValue);
        Assert.Equal(full15.Handset.Imei, short14.Handset.Imei);
    }

    [Fact]
    public void TryParse_EscapedImsi_SamePseudonymAsPlain()
    {
        var escaped = GsmTestLines.Line(imsi: "\\u0032" + GsmTestLines.Imsi[1..]);
        Parse(escaped, out var a, out _);
        Parse(GsmTestLines.Line(), out var b, out _);

        Assert.Equal(b.Handset.Imsi, a.Handset.Imsi);
    }

    [Theory]
    [InlineData("490154203237519", "imei: the check digit")]
    [InlineData("4901542032375", "imei: expected 15 digits")]
    [InlineData("4901542032375180", "imei: expected 15 digits")]
    [InlineData("49015420323751x", "imei: expected 15 digits")]
    public void TryParse_BadImei_RejectedWithReason(string imei, string expected)
    {
        var ok = Parse(GsmTestLines.Line(imei: imei), out _, out var reason);

        Assert.False(ok);
        Assert.StartsWith(expected, reason, StringComparison.Ordinal);
        Assert.DoesNotContain(imei, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2040812345678")]
    [InlineData("2040812345678901")]
    [InlineData("20408123456789a")]
    public void TryParse_BadImsi_RejectedWithReason(string imsi)
    {
        var ok = Parse(GsmTestLines.Line(imsi: imsi), out _, out var reason);

        Assert.False(ok);
        Assert.Equal("imsi: expected 14 or 15 digits", reason);
    }

    [Fact]
    public void TryParse_Imsi14Digits_Accepted()
    {
        Assert.True(Parse(GsmTestLines.Line(imsi: "20408123456789"), out var line, out _));
        Assert.True(line.Handset.Imsi.HasValue);
    }

    [Theory]
    [InlineData("{\"time\":\"2025-03-01T12:00:00Z\"}", "missing field 'sensor'")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("{\"time\":", "invalid JSON")]
    [InlineData("not json", "invalid JSON")]
    public void TryParse_Malformed_Rejected(string line, string expected)
    {
        var ok = Parse(line, out _, out var reason);

        Assert.False(ok);
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void TryParse_LocalTimeWithoutZone_Rejected()
    {
        Assert.False(Parse(GsmTestLines.Line(time: "2025-03-01T12:00:00"), out _, out var reason));
        Assert.StartsWith("time:", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_UnknownSensor_Rejected()
    {
        Assert.False(Parse(GsmTestLines.Line(sensor: "gsm-9"), out _, out var reason));
        Assert.StartsWith("sensor:", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_DuplicateField_Rejected()
    {
        var line = GsmTestLines.Line().Replace("\"action\":\"detected\"", "\"action\":\"detected\",\"imsi\":\"204081111111111\"", StringComparison.Ordinal);

        Assert.False(Parse(line, out _, out var reason));
        Assert.Equal("a field occurs twice", reason);
    }

    [Fact]
    public void TryParse_UnknownFieldsAndTrailingWhitespace_Ignored()
    {
        var line = GsmTestLines.Line().Replace("{", "{\"vendor\":{\"x\":[1,2,{}]},", StringComparison.Ordinal) + "  ";

        Assert.True(Parse(line, out _, out var reason), reason);
    }

    [Fact]
    public void TryParse_TrailingObject_Rejected()
    {
        Assert.False(Parse(GsmTestLines.Line() + "{}", out _, out _));
    }

    [Fact]
    public void TryParse_AnyBytes_ValueOrCleanRejection()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var ok = GsmLineParser.TryParse(bytes, GsmTestLines.Table, _p, out _, out var reason);
            return ok || reason.Length > 0;
        }, iter: 20_000, print: b => Convert.ToHexString(b));
    }

    [Fact]
    public void TryParse_MutatedValidLines_ValueOrCleanRejection()
    {
        var valid = GsmTestLines.Bytes(GsmTestLines.Line());
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, Gen.Int[0, valid.Length]).Sample((pos, value, cut) =>
        {
            var bytes = (byte[])valid.Clone();
            bytes[pos] = value;
            var ok = GsmLineParser.TryParse(bytes.AsSpan(0, cut), GsmTestLines.Table, _p, out _, out var reason);
            return ok || reason.Length > 0;
        }, iter: 20_000);
    }

    [Fact]
    public void TryParse_GeneratedLines_RoundTrip()
    {
        var gen = Gen.Select(Gen.Long[200_000_000_000_000, 799_999_999_999_999], Gen.Long[10_000_000_000_000, 99_999_999_999_999],
            Gen.Int[0, 2], Gen.Int[0, 3], Gen.Short[0, 1024], Gen.Int[0, 1_000_000]);
        gen.Sample((imsi, tacSnr, action, tech, band, channel) =>
        {
            var body = tacSnr.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var imei = body + (char)ImeiCheckDigit.Compute(GsmTestLines.Bytes(body));
            var actions = new[] { "detected", "denied", "allowed" };
            var techs = new[] { "GSM", "UMTS", "LTE", "NR" };
            var line = GsmTestLines.Line(imsi.ToString(System.Globalization.CultureInfo.InvariantCulture), imei, action: actions[action])
                .Replace("\"LTE\"", $"\"{techs[tech]}\"", StringComparison.Ordinal)
                .Replace("\"band\":20", $"\"band\":{band}", StringComparison.Ordinal)
                .Replace("\"channel\":6300", $"\"channel\":{channel}", StringComparison.Ordinal);
            var ok = GsmLineParser.TryParse(GsmTestLines.Bytes(line), GsmTestLines.Table, _p, out var parsed, out _);
            return ok && parsed.Handset.Action == (HandsetAction)action && parsed.Handset.Technology == (RadioTechnology)(tech + 1) &&
                parsed.Handset.Band == band && parsed.Handset.Channel == channel &&
                parsed.Handset.Imei == _p.Pseudonymise(IdentifierKind.Imei, GsmTestLines.Bytes(imei));
        }, iter: 2_000);
    }

    [Fact]
    public void TryParse_ValidLine_AllocatesNothing()
    {
        var bytes = GsmTestLines.Bytes(GsmTestLines.Line());
        GsmLineParser.TryParse(bytes, GsmTestLines.Table, _p, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            GsmLineParser.TryParse(bytes, GsmTestLines.Table, _p, out _, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
