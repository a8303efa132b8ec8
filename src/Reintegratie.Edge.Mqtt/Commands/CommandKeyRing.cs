using System.Security.Cryptography;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Mqtt.Configuration;

namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>The configured command keys: id → ECDSA P-256 public key and the verbs it may use.</summary>
public sealed class CommandKeyRing
{
    private readonly Dictionary<string, (ECDsa Key, HashSet<CommandVerb> Verbs)> _keys;

    private CommandKeyRing(Dictionary<string, (ECDsa, HashSet<CommandVerb>)> keys) => _keys = keys;

    /// <summary>Key ids configured.</summary>
    public IReadOnlyCollection<string> Ids => _keys.Keys;

    /// <summary>Loads every key; throws <see cref="ConfigurationException"/> naming the key's <c>PublicKey</c> or <c>Verbs</c>.</summary>
    public static CommandKeyRing From(CommandsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = new Dictionary<string, (ECDsa, HashSet<CommandVerb>)>(StringComparer.Ordinal);
        foreach (var (id, key) in options.Keys)
        {
            var prefix = $"{MqttOptions.Section}:Commands:Keys:{id}:";
            if (id.Length is 0 or > 64 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@')))
            {
                throw new ConfigurationException(prefix + "PublicKey", "a key id is 1..64 of A-Z a-z 0-9 - _ . @");
            }

            var verbs = new HashSet<CommandVerb>();
            foreach (var verb in key.Verbs.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                verbs.Add(CommandParser.TryParseVerb(verb, out var v) ? v : throw new ConfigurationException(prefix + "Verbs", $"'{verb}' is not a verb (ack, bypass, resync)"));
            }

            if (verbs.Count == 0)
            {
                throw new ConfigurationException(prefix + "Verbs", "list the verbs this key may use (ack, bypass, resync)");
            }

            keys[id] = (Import(prefix + "PublicKey", key.PublicKey), verbs);
        }

        return new CommandKeyRing(keys);
    }

    /// <summary>The key for <paramref name="keyId"/>, if configured.</summary>
    public bool TryGet(string keyId, out ECDsa key, out IReadOnlySet<CommandVerb> verbs)
    {
        if (_keys.TryGetValue(keyId, out var entry))
        {
            (key, verbs) = (entry.Key, entry.Verbs);
            return true;
        }

        (key, verbs) = (null!, new HashSet<CommandVerb>());
        return false;
    }

    private static ECDsa Import(string configKey, string text)
    {
        var key = ECDsa.Create();
        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                key.ImportFromPem(text);
            }
            else
            {
                key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(text.Trim()), out _);
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            key.Dispose();
            throw new ConfigurationException(configKey, $"expected an ECDSA P-256 public key (PEM or base64 DER SubjectPublicKeyInfo): {ex.Message}");
        }

        if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != "1.2.840.10045.3.1.7")
        {
            key.Dispose();
            throw new ConfigurationException(configKey, "the key is not on curve P-256 (secp256r1)");
        }

        return key;
    }
}
