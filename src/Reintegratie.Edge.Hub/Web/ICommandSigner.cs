using System.Security.Cryptography;
using Reintegratie.Edge.Hub.Hosting;
using Reintegratie.Edge.Mqtt.Commands;

namespace Reintegratie.Edge.Hub.Web;

/// <summary>Signs the console's gateway commands (docs/MQTT.md "Signed commands").</summary>
public interface ICommandSigner
{
    /// <summary>The key id the gateways know this key by (journaled as the command's author).</summary>
    string KeyId { get; }

    /// <summary>The signed payload of <paramref name="verb"/> with <paramref name="fields"/> for the gateway at <paramref name="root"/>.</summary>
    byte[] Sign(string root, string verb, IReadOnlyDictionary<string, string> fields);
}

/// <summary>
/// The console's shared command key (<c>Hub:CommandKeyFile</c>, PKCS#8 PEM from <c>edgectl cmd keygen</c>, id
/// <c>Hub:CommandKeyId</c>): the fallback for operator accounts without a key of their own (made before per-operator
/// keys; <c>edgectl hub user add</c> again gives them one). The logged-in operator's name travels inside the signed
/// payload as <c>operator</c>, so a gateway journals the key that vouched for it and the operator it vouched for.
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
    public string KeyId => _keyId;

    /// <inheritdoc />
    public byte[] Sign(string root, string verb, IReadOnlyDictionary<string, string> fields) =>
        CommandSigner.Sign(_key, _keyId, root, verb, fields, _time.GetUtcNow());

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}

/// <summary>No fallback key (<c>Hub:CommandKeyFile</c> not set): an operator without a key of their own cannot send commands (gateways refuse unsigned ones).</summary>
public sealed class NoCommandKey : ICommandSigner
{
    /// <inheritdoc />
    public string KeyId => string.Empty;

    /// <inheritdoc />
    public byte[] Sign(string root, string verb, IReadOnlyDictionary<string, string> fields) =>
        throw new InvalidOperationException("this operator has no command key of their own (give one with `edgectl hub user add`) and Hub:CommandKeyFile is not set");
}
