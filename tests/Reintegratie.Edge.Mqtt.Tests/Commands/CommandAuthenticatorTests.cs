using System.Text.Json;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Mqtt.Commands;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Mqtt.Sources;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Mqtt.Tests.Commands;

public sealed class CommandAuthenticatorTests : IDisposable
{
    private const string Root = "pi-edge/site1/gw1";
    private static readonly DateTimeOffset s_now = new(2026, 9, 14, 10, 0, 0, TimeSpan.Zero);
    private readonly TestKeys _keys = new();
    private readonly CommandAuthenticator _auth;

    public CommandAuthenticatorTests()
    {
        var options = new MqttOptions();
        _keys.Configure(options);
        _auth = new CommandAuthenticator(CommandKeyRing.From(options.Commands), Root, TimeSpan.FromSeconds(120));
    }

    public void Dispose() => _keys.Dispose();

    [Fact]
    public void Refusal_SignedByConfiguredKey_Null() =>
        Assert.Null(Check("ack", _keys.Sign(Root, "ack", Ack(), s_now)));

    [Fact]
    public void Refusal_FieldChangedAfterSigning_BadSignature()
    {
        var payload = JsonSerializer.Deserialize<Dictionary<string, string>>(_keys.Sign(Root, "ack", Ack(), s_now))!;
        payload["alert_id"] = "01OTHERALERT";

        Assert.StartsWith("bad signature", Check("ack", JsonSerializer.SerializeToUtf8Bytes(payload)), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_SignedForAnotherGateway_BadSignature() =>
        Assert.StartsWith("bad signature", Check("ack", _keys.Sign("pi-edge/site1/gw2", "ack", Ack(), s_now)), StringComparison.Ordinal);

    [Fact]
    public void Refusal_UnknownKey_Named() =>
        Assert.Equal("unknown key 'mallory'", Check("ack", _keys.Sign(Root, "ack", Ack(), s_now, keyId: "mallory")));

    [Fact]
    public void Refusal_VerbNotAllowedForKey_Named() =>
        Assert.Equal("key 'second' may not use 'bypass'", Check("bypass", _keys.Sign(Root, "bypass", Bypass(), s_now, keyId: "second")));

    [Theory]
    [InlineData(-121)]
    [InlineData(121)]
    public void Refusal_IssuedOutsideWindow_Stale(int seconds) =>
        Assert.StartsWith("stale", Check("ack", _keys.Sign(Root, "ack", Ack(), s_now.AddSeconds(seconds))), StringComparison.Ordinal);

    [Fact]
    public void Refusal_SameNonceTwice_SecondIsReplay()
    {
        var payload = _keys.Sign(Root, "ack", Ack(), s_now);

        Assert.Null(Check("ack", payload));
        Assert.Contains("nonce already used", Check("ack", payload), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_NonceJournaledBeforeRestart_StillAReplay()
    {
        var payload = _keys.Sign(Root, "ack", Ack(), s_now, nonce: "journaled-nonce-1");
        _auth.Load(new History([("console", "journaled-nonce-1", s_now)]), s_now);

        Assert.Contains("nonce already used", Check("ack", payload), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_AppliedCommandDeliveredAgain_AlreadyAppliedWithTheFirstAnswer()
    {
        var payload = _keys.Sign(Root, "ack", Ack(), s_now);
        var first = new CommandResult(true, "acknowledged by console", "01JALERT", 3);
        Assert.True(CommandParser.TryParse("ack", payload, out var request, out _));
        Assert.Null(_auth.Refusal("ack", request!, s_now));
        _auth.Applied(request!, first);

        var refusal = _auth.Refusal("ack", Parse("ack", payload), s_now.AddSeconds(5), out var alreadyApplied);

        Assert.Null(refusal);
        Assert.Equal(first, alreadyApplied);
    }

    [Fact]
    public void Refusal_SameNonceOtherContentAfterApplied_StillAReplay()
    {
        var first = _keys.Sign(Root, "ack", Ack(), s_now, nonce: "nonce-reused-1");
        var other = _keys.Sign(Root, "ack", new Dictionary<string, string> { ["alert_id"] = "01JOTHER" }, s_now, nonce: "nonce-reused-1");
        var request = Parse("ack", first);
        Assert.Null(_auth.Refusal("ack", request, s_now));
        _auth.Applied(request, new CommandResult(true, "acknowledged by console", "01JALERT", 3));

        var refusal = _auth.Refusal("ack", Parse("ack", other), s_now, out var alreadyApplied);

        Assert.Contains("nonce already used", refusal, StringComparison.Ordinal);
        Assert.Null(alreadyApplied);
    }

    [Fact]
    public void Refusal_AppliedCommandJournaledBeforeACrash_RedeliveryAlreadyApplied()
    {
        var payload = _keys.Sign(Root, "ack", Ack(), s_now, nonce: "journaled-nonce-2");
        var journaled = new CommandResult(true, "acknowledged by console", "01JALERT");
        _auth.Load(new History([("console", "journaled-nonce-2", s_now)],
            [new AppliedCommand("console", "journaled-nonce-2", s_now, CommandFingerprint.Of(Parse("ack", payload)), journaled)]), s_now);

        var refusal = _auth.Refusal("ack", Parse("ack", payload), s_now, out var alreadyApplied);

        Assert.Null(refusal);
        Assert.Equal(journaled, alreadyApplied);
    }

    [Fact]
    public void Refusal_Unsigned_SaysWhatIsMissing() =>
        Assert.StartsWith("unsigned", Check("ack", """{"alert_id":"01A","operator":"jan"}"""u8.ToArray()), StringComparison.Ordinal);

    [Fact]
    public void Refusal_PythonCryptographyVectors_AllAccepted()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Commands", "Vectors", "command-vectors.json")));
        var root = doc.RootElement.GetProperty("root").GetString()!;
        var options = new MqttOptions();
        options.Commands.Keys["console-a"] = new CommandKeyOptions { PublicKey = doc.RootElement.GetProperty("public_key").GetString()!, Verbs = ["ack", "bypass", "resync"] };
        var auth = new CommandAuthenticator(CommandKeyRing.From(options.Commands), root, TimeSpan.FromDays(36500));
        var checkedVectors = 0;
        foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var verb = v.GetProperty("verb").GetString()!;
            var payload = JsonSerializer.SerializeToUtf8Bytes(v.GetProperty("payload"));
            Assert.True(CommandParser.TryParse(verb, payload, out var request, out var error), error);
            Assert.Equal(v.GetProperty("canonical_hex").GetString(), Convert.ToHexStringLower(CommandCanonical.Bytes(root, verb, request!)));
            Assert.Null(auth.Refusal(verb, request!, s_now));
            checkedVectors++;
        }

        Assert.Equal(3, checkedVectors);
    }

    [Fact]
    public void From_BadPublicKey_ConfigurationExceptionNamingKey()
    {
        var options = new CommandsOptions();
        options.Keys["anna"] = new CommandKeyOptions { PublicKey = "bm90IGEga2V5", Verbs = ["ack"] };

        var ex = Assert.Throws<ConfigurationException>(() => CommandKeyRing.From(options));

        Assert.Equal("Mqtt:Commands:Keys:anna:PublicKey", ex.Key);
    }

    [Fact]
    public void From_UnknownVerb_ConfigurationExceptionNamingVerbs()
    {
        var options = new CommandsOptions();
        options.Keys["anna"] = new CommandKeyOptions { PublicKey = Convert.ToBase64String(_keys.Console.ExportSubjectPublicKeyInfo()), Verbs = ["ack", "shutdown"] };

        Assert.Equal("Mqtt:Commands:Keys:anna:Verbs", Assert.Throws<ConfigurationException>(() => CommandKeyRing.From(options)).Key);
    }

    private static Dictionary<string, string> Ack() => new() { ["alert_id"] = "01JALERT", ["note"] = "ter plaatse" };

    private static Dictionary<string, string> Bypass() => new() { ["zone"] = "Z1", ["until"] = "2026-09-14T12:00:00Z", ["reason"] = "onderhoud" };

    private string? Check(string verb, byte[] payload)
    {
        Assert.True(CommandParser.TryParse(verb, payload, out var request, out var error), error);
        return _auth.Refusal(verb, request!, s_now);
    }

    private static CommandRequest Parse(string verb, byte[] payload)
    {
        Assert.True(CommandParser.TryParse(verb, payload, out var request, out var error), error);
        return request!;
    }

    private sealed class History(IReadOnlyList<(string, string, DateTimeOffset)> nonces, IReadOnlyList<AppliedCommand>? applied = null) : ICommandHistorySource
    {
        public IReadOnlyList<(string KeyId, string Nonce, DateTimeOffset IssuedAt)> UsedNonces(DateTimeOffset since) => nonces;

        public IReadOnlyList<AppliedCommand> AppliedCommands(DateTimeOffset since) => applied ?? [];
    }
}
