using System.Security.Cryptography;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Mqtt.Sources;

namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>
/// Decides whether a parsed command was given by a configured key: signature over <see cref="CommandCanonical"/>,
/// key known, verb allowed for the key, <c>issued_at</c> within the window, nonce not used before. Never throws for bad
/// input; returns the refusal reason, or null when the command is authentic.
/// </summary>
public sealed class CommandAuthenticator
{
    private readonly CommandKeyRing _keys;
    private readonly string _root;
    private readonly TimeSpan _maxSkew;
    private readonly NonceRegistry _nonces;

    /// <summary>Creates the authenticator for the gateway at <paramref name="root"/> (<c>{prefix}/{site}/{gateway}</c>).</summary>
    public CommandAuthenticator(CommandKeyRing keys, string root, TimeSpan maxSkew)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
        _root = root;
        _maxSkew = maxSkew;
        _nonces = new NonceRegistry(maxSkew);
    }

    /// <summary>Nonces remembered now.</summary>
    public int RememberedNonces => _nonces.Count;

    /// <summary>Remembers the nonces journaled within the window (call once at start).</summary>
    public void Load(ICommandHistorySource? history, DateTimeOffset now)
    {
        if (history is null)
        {
            return;
        }

        var since = now - (2 * _maxSkew);
        foreach (var applied in history.AppliedCommands(since))
        {
            _nonces.TryUse(applied.KeyId, applied.Nonce, applied.IssuedAt, now, applied.Fingerprint);
            _nonces.Applied(applied.KeyId, applied.Nonce, applied.Result);
        }

        foreach (var (keyId, nonce, issuedAt) in history.UsedNonces(since))
        {
            _nonces.TryUse(keyId, nonce, issuedAt, now);
        }
    }

    /// <summary>Records the answer of an authentic command once applied, so its redelivery is answered the same.</summary>
    public void Applied(CommandRequest request, CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.KeyId is { } keyId && request.Nonce is { } nonce)
        {
            _nonces.Applied(keyId, nonce, result);
        }
    }

    /// <summary>Null when <paramref name="request"/> is authentic and fresh (its nonce is then used up); else why not.</summary>
    public string? Refusal(string verb, CommandRequest request, DateTimeOffset now) => Refusal(verb, request, now, out _);

    /// <summary>
    /// As <see cref="Refusal(string, CommandRequest, DateTimeOffset)"/>; when the nonce was used by this very command
    /// (same key, same fingerprint) and it was applied, the refusal is null and <paramref name="alreadyApplied"/> holds
    /// the first answer: a redelivery (a crash or lost connection between the journal commit and the PUBACK), not a replay.
    /// </summary>
    public string? Refusal(string verb, CommandRequest request, DateTimeOffset now, out CommandResult? alreadyApplied)
    {
        ArgumentNullException.ThrowIfNull(request);
        alreadyApplied = null;
        if (request.KeyId is null || request.IssuedAt is null || request.Nonce is null || request.Signature is null)
        {
            return "unsigned: key_id, issued_at, nonce and signature are required";
        }

        if (!_keys.TryGet(request.KeyId, out var key, out var verbs))
        {
            return $"unknown key '{Cut(request.KeyId)}'";
        }

        if (!Verify(key, CommandCanonical.Bytes(_root, verb, request), request.Signature))
        {
            return $"bad signature for key '{request.KeyId}' (or the command was signed for another gateway)";
        }

        if (!verbs.Contains(request.Verb))
        {
            return $"key '{request.KeyId}' may not use '{verb}'";
        }

        var skew = (now - request.IssuedAt.Value).TotalSeconds;
        if (Math.Abs(skew) > _maxSkew.TotalSeconds)
        {
            return FormattableString.Invariant($"stale: issued_at is {skew:0} s from the gateway clock (window ±{_maxSkew.TotalSeconds:0} s)");
        }

        if (request.Nonce.Length is < 8 or > 128)
        {
            return "nonce: expected 8..128 characters";
        }

        var fingerprint = CommandFingerprint.Of(request);
        if (_nonces.TryUse(request.KeyId, request.Nonce, request.IssuedAt.Value, now, fingerprint))
        {
            return null;
        }

        alreadyApplied = _nonces.AppliedAs(request.KeyId, request.Nonce, fingerprint);
        return alreadyApplied is null ? $"nonce already used by key '{request.KeyId}': a replayed command" : null;
    }

    private static bool Verify(ECDsa key, byte[] data, string signature)
    {
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        // DER (what OpenSSL and Python's cryptography produce) or the fixed 64-byte r||s of IEEE P1363 (.NET's default).
        var format = raw.Length == 64 ? DSASignatureFormat.IeeeP1363FixedFieldConcatenation : DSASignatureFormat.Rfc3279DerSequence;
        try
        {
            return key.VerifyData(data, raw, HashAlgorithmName.SHA256, format);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string Cut(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
