using System.Security.Cryptography;
using Reintegratie.Edge.Mqtt.Commands;
using Reintegratie.Edge.Mqtt.Configuration;

namespace Reintegratie.Edge.Mqtt.Tests.Support;

/// <summary>Command signing keys for tests: a console key and a second, independent one.</summary>
internal sealed class TestKeys : IDisposable
{
    public ECDsa Console { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ECDsa Second { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary><c>console</c> may ack, bypass and resync; <c>second</c> may only ack.</summary>
    public void Configure(MqttOptions options)
    {
        options.Commands.Keys["console"] = new CommandKeyOptions { PublicKey = Convert.ToBase64String(Console.ExportSubjectPublicKeyInfo()), Verbs = ["ack", "bypass", "resync"] };
        options.Commands.Keys["second"] = new CommandKeyOptions { PublicKey = Convert.ToBase64String(Second.ExportSubjectPublicKeyInfo()), Verbs = ["ack"] };
    }

    public byte[] Sign(string root, string verb, Dictionary<string, string> fields, DateTimeOffset? at = null, string keyId = "console", string? nonce = null) =>
        CommandSigner.Sign(keyId == "second" ? Second : Console, keyId, root, verb, fields, at ?? DateTimeOffset.UtcNow, nonce);

    public void Dispose()
    {
        Console.Dispose();
        Second.Dispose();
    }
}
