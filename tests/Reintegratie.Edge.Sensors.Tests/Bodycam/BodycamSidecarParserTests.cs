using System.Text;
using CsCheck;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Bodycam;
using Reintegratie.Edge.Sensors.Privacy;
using Reintegratie.Edge.Sensors.Tests.Privacy;

namespace Reintegratie.Edge.Sensors.Tests.Bodycam;

public sealed class BodycamSidecarParserTests
{
    private readonly Pseudonymiser _p = TestKeys.Create();

    private BodycamParseOutcome Parse(string json, out BodycamRecording? recording, out string reason) =>
        BodycamSidecarParser.TryParse(Encoding.UTF8.GetBytes(json), _p, out recording, out reason);

    [Fact]
    public void TryParse_ValidSidecar_AllFieldsWearerPseudonymised()
    {
        var outcome = Parse(BodycamTestSidecars.Json(sha: new string('A', 64)), out var r, out var reason);

        Assert.Equal(BodycamParseOutcome.Valid, outcome);
        Assert.Equal(string.Empty, reason);
        Assert.Equal("REC-0001", r!.RecordingId);
        Assert.Equal("BC-778812", r.DeviceSerial);
        Assert.Equal(_p.Pseudonymise(IdentifierKind.Wearer, "P123456"u8).ToString(), r.WearerPseudonym);
        Assert.DoesNotContain("123456", r.ToString(), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 5, 0, TimeSpan.Zero), r.End);
        Assert.Equal(new string('a', 64), r.Sha256);
        Assert.Equal(73400320, r.SizeBytes);
        Assert.Equal(50.99, r.Latitude);
        Assert.Equal("dock-a", r.SourceSystem);
    }

    [Fact]
    public void TryParse_WearerCaseAndSpaces_SamePseudonym()
    {
        Parse(BodycamTestSidecars.Json(wearer: " p123456 "), out var a, out _);
        Parse(BodycamTestSidecars.Json(), out var b, out _);

        Assert.Equal(b!.WearerPseudonym, a!.WearerPseudonym);
    }

    [Theory]
    [InlineData("{\"recording_id\": \"x\"}", "missing field 'device_serial'")]
    [InlineData("[]", "expected a JSON object")]
    [InlineData("{,}", "the file is not valid JSON")]
    public void TryParse_Invalid_ReasonInPlainWords(string json, string expected)
    {
        Assert.Equal(BodycamParseOutcome.Invalid, Parse(json, out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void TryParse_BadFields_Invalid()
    {
        Assert.Equal(BodycamParseOutcome.Invalid, Parse(BodycamTestSidecars.Json(sha: "abc"), out _, out var r1));
        Assert.StartsWith("sha256:", r1, StringComparison.Ordinal);
        Assert.Equal(BodycamParseOutcome.Invalid, Parse(BodycamTestSidecars.Json(recordingId: "../etc"), out _, out var r2));
        Assert.StartsWith("recording_id:", r2, StringComparison.Ordinal);
        Assert.Equal(BodycamParseOutcome.Invalid, Parse(BodycamTestSidecars.Json(end: "2025-03-01T11:00:00Z"), out _, out var r3));
        Assert.Equal("end_utc is before start_utc", r3);
        Assert.Equal(BodycamParseOutcome.Invalid, Parse(BodycamTestSidecars.Json(start: "2025-03-01T12:00:00"), out _, out var r4));
        Assert.StartsWith("start_utc:", r4, StringComparison.Ordinal);
        Assert.Equal(BodycamParseOutcome.Invalid, Parse(BodycamTestSidecars.Json(wearer: ""), out _, out var r5));
        Assert.StartsWith("wearer_id:", r5, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_DuplicateWearerField_InvalidWithoutValueInReason()
    {
        var outcome = Parse(BodycamTestSidecars.Json(extra: ",\n\"wearer_id\": \"P999999\""), out _, out var reason);

        Assert.Equal(BodycamParseOutcome.Invalid, outcome);
        Assert.DoesNotContain("P999999", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(BodycamTestSidecars.Wearer, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_EveryPrefix_IncompleteNeverValid()
    {
        var json = Encoding.UTF8.GetBytes(BodycamTestSidecars.Json());
        var end = json.AsSpan().LastIndexOf((byte)'}');
        for (var n = 0; n < end; n++)
        {
            var outcome = BodycamSidecarParser.TryParse(json.AsSpan(0, n), _p, out _, out var reason);
            Assert.True(outcome == BodycamParseOutcome.Incomplete, $"prefix of {n} bytes gave {outcome}");
            Assert.Equal("the file ends before the JSON object is complete", reason);
        }
    }

    [Fact]
    public void TryParse_AnyBytes_OutcomeWithReasonNeverException()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            var outcome = BodycamSidecarParser.TryParse(bytes, _p, out var r, out var reason);
            return outcome == BodycamParseOutcome.Valid ? r is not null : r is null && reason.Length > 0;
        }, iter: 20_000, print: b => Convert.ToHexString(b));
    }

    [Fact]
    public void TryParse_MutatedSidecars_OutcomeWithReasonNeverException()
    {
        var valid = Encoding.UTF8.GetBytes(BodycamTestSidecars.Json());
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Sample((pos, value) =>
        {
            var bytes = (byte[])valid.Clone();
            bytes[pos] = value;
            var outcome = BodycamSidecarParser.TryParse(bytes, _p, out var r, out var reason);
            return outcome == BodycamParseOutcome.Valid ? r is not null : reason.Length > 0;
        }, iter: 20_000);
    }

    [Fact]
    public void TryParse_GeneratedSidecars_RoundTrip()
    {
        Gen.Select(Gen.String["ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-_"], Gen.Int[0, 86_400], Gen.Int[0, 99_999]).Sample((id, duration, staff) =>
        {
            var recordingId = id.Length == 0 ? "R" : id[..Math.Min(id.Length, 100)];
            var start = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
            var json = BodycamTestSidecars.Json(recordingId: recordingId, wearer: $"P{staff:D6}", start: start.ToString("O"), end: start.AddSeconds(duration).ToString("O"));
            var outcome = BodycamSidecarParser.TryParse(Encoding.UTF8.GetBytes(json), _p, out var r, out _);
            return outcome == BodycamParseOutcome.Valid && r!.RecordingId == recordingId && r.End == start.AddSeconds(duration) &&
                r.WearerPseudonym == _p.Pseudonymise(IdentifierKind.Wearer, Encoding.ASCII.GetBytes($"P{staff:D6}")).ToString();
        }, iter: 2_000);
    }
}
