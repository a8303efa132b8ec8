using System.Text;
using CsCheck;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Mqtt.Commands;

namespace Reintegratie.Edge.Mqtt.Tests.Commands;

public sealed class CommandParserTests
{
    [Fact]
    public void TryParse_ValidAck_ReturnsFields()
    {
        Assert.True(CommandParser.TryParse("ack", U("{\"alert_id\":\"01J\",\"operator\":\"J\",\"note\":\"n\",\"key_id\":\"k\",\"issued_at\":\"2026-09-14T10:00:00Z\",\"nonce\":\"nnnnnnnn\",\"signature\":\"c2ln\"}"), out var r, out _));
        Assert.Equal(CommandVerb.Ack, r!.Verb);
        Assert.Equal(("01J", "J", "n"), (r.AlertId, r.Operator, r.Note));
        Assert.Equal(("k", "2026-09-14T10:00:00Z", "nnnnnnnn", "c2ln"), (r.KeyId, r.IssuedAtText, r.Nonce, r.Signature));
    }

    [Fact]
    public void TryParse_ValidBypass_ParsesUntilWithOffset()
    {
        Assert.True(CommandParser.TryParse("bypass", U("{\"zone\":\"Z2\",\"until\":\"2025-05-01T18:00:00+02:00\",\"reason\":\"onderhoud\"}"), out var r, out _));
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 16, 0, 0, TimeSpan.Zero), r!.Until);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("{}", true)]
    [InlineData("[]", false)]
    public void TryParse_Resync_AcceptsEmptyOrObject(string payload, bool ok) => Assert.Equal(ok, CommandParser.TryParse("resync", U(payload), out _, out _));

    [Theory]
    [InlineData("ack", "{\"operator\":\"J\"}", "alert_id: required string is missing")]
    [InlineData("ack", "{\"alert_id\":\" \",\"operator\":\"J\"}", "alert_id: must not be empty")]
    [InlineData("ack", "{\"alert_id\":5,\"operator\":\"J\"}", "alert_id: expected a string")]
    [InlineData("bypass", "{\"zone\":\"Z\",\"reason\":\"r\"}", "until: required string is missing")]
    [InlineData("bypass", "{\"zone\":\"Z\",\"until\":\"2025-05-01T18:00:00\",\"reason\":\"r\"}", "until: expected an ISO-8601")]
    [InlineData("bypass", "{\"zone\":\"Z\",\"until\":\"2025-05-01T18:00:00Z\"}", "reason: required string is missing")]
    [InlineData("ack", "not json", "payload: invalid JSON")]
    [InlineData("ack", "\"text\"", "payload: expected a JSON object")]
    [InlineData("reboot", "{}", "verb: unknown verb 'reboot'")]
    public void TryParse_Invalid_ErrorNamesTheField(string verb, string payload, string expected)
    {
        Assert.False(CommandParser.TryParse(verb, U(payload), out var r, out var error));
        Assert.Null(r);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_AnyBytes_ResultOrCleanRejection()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            foreach (var verb in new[] { "ack", "bypass", "resync", "x" })
            {
                var ok = CommandParser.TryParse(verb, bytes, out var r, out var error);
                Assert.True(ok ? r is not null : r is null && error.Length > 0);
            }
        });
    }

    [Fact]
    public void TryParse_AckRoundTrip_KeepsEveryField()
    {
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 40], Gen.String[Gen.Char.AlphaNumeric, 1, 40]).Sample((id, op) =>
        {
            var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["alert_id"] = id, ["operator"] = op });
            Assert.True(CommandParser.TryParse("ack", U(json), out var r, out _));
            Assert.Equal((id, op), (r!.AlertId, r.Operator));
        });
    }

    [Fact]
    public void TryReadReplyFields_InvalidCommand_StillFindsReplyFields()
    {
        CommandParser.TryReadReplyFields(U("{\"correlation_id\":\"c1\",\"reply_to\":\"biv/r\"}"), out var replyTo, out var correlation);

        Assert.Equal(("biv/r", "c1"), (replyTo, correlation));
    }

    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
}
