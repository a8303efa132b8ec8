using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>
/// Makes signed command payloads (<c>edgectl cmd</c>, consoles written in .NET, tests): fills in key id, issue time and
/// a random nonce, signs <see cref="CommandCanonical"/> with ECDSA P-256 / SHA-256 (DER signature, base64).
/// </summary>
public static class CommandSigner
{
    /// <summary>
    /// The JSON payload for <paramref name="verb"/> with its <paramref name="fields"/> (alert_id, operator, note, zone,
    /// until, reason, correlation_id, reply_to: strings), signed by <paramref name="key"/> for the gateway at <paramref name="root"/>.
    /// </summary>
    public static byte[] Sign(ECDsa key, string keyId, string root, string verb, IReadOnlyDictionary<string, string> fields, DateTimeOffset issuedAt, string? nonce = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(fields);
        nonce ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var issuedText = issuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        string? Field(string name) => fields.TryGetValue(name, out var v) ? v : null;
        var request = new CommandRequest
        {
            Verb = CommandParser.TryParseVerb(verb, out var v) ? v : throw new ArgumentException($"unknown verb '{verb}'", nameof(verb)),
            KeyId = keyId,
            IssuedAtText = issuedText,
            Nonce = nonce,
            AlertId = Field("alert_id"),
            Operator = Field("operator"),
            Note = Field("note"),
            Zone = Field("zone"),
            UntilText = Field("until"),
            Reason = Field("reason"),
        };
        var signature = key.SignData(CommandCanonical.Bytes(root, verb, request), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            foreach (var (name, value) in fields.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteString(name, value);
            }

            w.WriteString("key_id", keyId);
            w.WriteString("issued_at", issuedText);
            w.WriteString("nonce", nonce);
            w.WriteString("signature", Convert.ToBase64String(signature));
            w.WriteEndObject();
        }

        return stream.ToArray();
    }
}
