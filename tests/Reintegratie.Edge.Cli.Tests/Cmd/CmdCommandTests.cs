using System.Text;
using System.Text.Json;
using Reintegratie.Edge.Cli.Tests.Log;
using Reintegratie.Edge.Mqtt.Commands;
using Reintegratie.Edge.Mqtt.Configuration;

namespace Reintegratie.Edge.Cli.Tests.Cmd;

public sealed class CmdCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgectl-cmd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task KeygenThenAck_PrintedCommandVerifiesWithThePrintedConfiguration()
    {
        var (keygen, config, _) = await LogFixture.Run("cmd", "keygen", "--id", "anna", "--out", _dir, "--verbs", "ack,bypass");
        var (code, payload, _) = await LogFixture.Run("cmd", "ack", "--key", Path.Combine(_dir, "anna.key.pem"), "--root", "pi-edge/pi-x/gw-1", "--alert-id", "01JALERT", "--note", "ter plaatse");

        Assert.Equal(0, keygen);
        Assert.Equal(0, code);
        var key = JsonDocument.Parse(config).RootElement.GetProperty("Mqtt").GetProperty("Commands").GetProperty("Keys").GetProperty("anna");
        var options = new CommandsOptions();
        options.Keys["anna"] = new CommandKeyOptions { PublicKey = key.GetProperty("PublicKey").GetString()!, Verbs = [.. key.GetProperty("Verbs").EnumerateArray().Select(v => v.GetString()!)] };
        var auth = new CommandAuthenticator(CommandKeyRing.From(options), "pi-edge/pi-x/gw-1", TimeSpan.FromMinutes(2));
        Assert.True(CommandParser.TryParse("ack", Encoding.UTF8.GetBytes(payload.Trim()), out var request, out var error), error);
        Assert.Null(auth.Refusal("ack", request!, DateTimeOffset.UtcNow));
        Assert.Equal("anna", request!.KeyId);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "anna.key.pem")));
        }
    }

    [Fact]
    public async Task Keygen_ExistingKey_NotOverwritten()
    {
        await LogFixture.Run("cmd", "keygen", "--id", "anna", "--out", _dir);
        var before = await File.ReadAllTextAsync(Path.Combine(_dir, "anna.key.pem"));

        var (code, _, err) = await LogFixture.Run("cmd", "keygen", "--id", "anna", "--out", _dir);

        Assert.Equal(1, code);
        Assert.Contains("not overwritten", err, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(_dir, "anna.key.pem")));
    }

    [Fact]
    public async Task Bypass_Hours_SignedUntilWithinTheWindow()
    {
        await LogFixture.Run("cmd", "keygen", "--id", "ops", "--out", _dir);

        var (code, payload, _) = await LogFixture.Run("cmd", "bypass", "--key", Path.Combine(_dir, "ops.key.pem"), "--zone", "Z1", "--hours", "2", "--reason", "onderhoud");

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(payload).RootElement;
        Assert.Equal("ops", json.GetProperty("key_id").GetString());
        Assert.InRange(json.GetProperty("until").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(110), TimeSpan.FromMinutes(121));
    }
}
