using System.Security.Cryptography;
using Reintegratie.Edge.Hub.Hosting;
using Reintegratie.Edge.Mqtt.Commands;

namespace Reintegratie.Edge.Hub.Web;

/// <summary>Signs the console's gateway commands (docs/MQTT.md "Signed commands").</summary>
public interface ICommandSigner
{
    /// <summary>The signed payload of <paramref name="verb"/> with <paramref name="fields"/> for the gateway at <paramref name="root"/>.</summary>
    byte[] Sign(string root, string verb, IReadOnlyDictionary<string, string> fields);
}

/// <summary>
/// The console's command key (<c>Hub:CommandKeyFile</c>, PKCS#8 PEM from <c>edgectl cmd keygen</c>, id
/// <c>Hub:CommandKeyId</c>). The gateways list its public key with the verbs the console may use; the logged-in operator's
/// name travels inside the signed payload as <c>operator</c>, so a gateway journals the key that vouched for it and the
/// operator it vouched for.
/// </summary>
public sealed class EcdsaCommandSigner : ICommandSigner, IDisposable
{
    private readonly ECDsa _key;
    private readonly string _keyId;
    private readonly TimeProvider _time;

    /// <summary>Loads the key; throws <see cref="HubConfigurationException"/> naming the key file when it cannot.</summary>
    public EcdsaCommandSigner(string keyFile, string keyId, TimeProvider time)
    {
        _keyId = keyId;
        _time = time;
        _key = ECDsa.Create();
        try
        {
            _key.ImportFromPem(File.ReadAllText(keyFile));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            _key.Dispose();
            throw new HubConfigurationException("Hub:CommandKeyFile", $"'{keyFile}': {ex.Message}");
        }

        if (_key.KeySize != 256)
        {
            _key.Dispose();
            throw new HubConfigurationException("Hub:CommandKeyFile", $"'{keyFile}' is not an ECDSA P-256 private key");
        }
    }

    /// <inheritdoc />
    public byte[] Sign(string root, string verb, IReadOnlyDictionary<string, string> fields) =>
        CommandSigner.Sign(_key, _keyId, root, verb, fields, _time.GetUtcNow());

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}

/// <summary>A console without <c>Hub:CommandKeyFile</c>: it shows alerts but cannot send commands (gateways refuse unsigned ones).</summary>
public sealed class NoCommandKey : ICommandSigner
{
    /// <inheritdoc />
    public byte[] Sign(string root, string verb, IReadOnlyDictionary<string, string> fields) =>
        throw new InvalidOperationException("Hub:CommandKeyFile is not set: this console has no key to sign gateway commands with (edgectl cmd keygen)");
}
