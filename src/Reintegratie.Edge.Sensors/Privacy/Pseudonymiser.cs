using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.Privacy;

/// <summary>
/// Replaces personal identifiers (IMSI, IMEI, bodycam wearer id) by keyed HMAC-SHA256 pseudonyms, inside the adapter,
/// before anything is published or logged. Plain hashing is not enough: the IMSI space of one country is small enough
/// to enumerate, so without the key nobody can map a pseudonym back to an identifier.
/// </summary>
/// <remarks>
/// The HMAC input is one domain byte (<see cref="IdentifierKind"/>) followed by the identifier bytes, so pseudonyms of
/// different identifier kinds cannot be linked. Pseudonymising allocates nothing. Thread-safe.
/// The gateway creates one instance (<see cref="Load(IConfiguration)"/>), passes it as <see cref="AdapterContext.Privacy"/>
/// and disposes it at shutdown (the key bytes are zeroed).
/// </remarks>
public sealed class Pseudonymiser : IDisposable
{
    /// <summary>Longest identifier accepted (bytes).</summary>
    public const int MaxIdentifierBytes = 128;

    private readonly byte[] _key;
    private readonly byte[]? _previousKey;

    /// <summary>Creates a pseudonymiser from key bytes (copied). Use <see cref="Load(PrivacyOptions)"/> for key files.</summary>
    /// <param name="key">At least 32 bytes.</param>
    /// <param name="keyId">Id stored with each pseudonym (1-255).</param>
    /// <param name="previousKey">Optional key of the previous period (recognition across a rotation).</param>
    /// <param name="previousKeyId">Its id.</param>
    public Pseudonymiser(ReadOnlySpan<byte> key, byte keyId, ReadOnlySpan<byte> previousKey = default, byte previousKeyId = 0)
    {
        if (key.Length < PrivacyKeyFile.KeySize)
        {
            throw new ArgumentException($"Expected a key of at least {PrivacyKeyFile.KeySize} bytes but got {key.Length}.", nameof(key));
        }

        if (keyId == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(keyId), "Key id 0 means 'no pseudonym'; use 1-255.");
        }

        _key = key.ToArray();
        KeyId = keyId;
        if (!previousKey.IsEmpty)
        {
            if (previousKey.Length < PrivacyKeyFile.KeySize)
            {
                throw new ArgumentException($"Expected a previous key of at least {PrivacyKeyFile.KeySize} bytes but got {previousKey.Length}.", nameof(previousKey));
            }

            if (previousKeyId == 0 || previousKeyId == keyId)
            {
                throw new ArgumentOutOfRangeException(nameof(previousKeyId), $"The previous key id must be 1-255 and differ from the key id {keyId}.");
            }

            _previousKey = previousKey.ToArray();
            PreviousKeyId = previousKeyId;
        }
    }

    /// <summary>Id of the current key, stored in every pseudonym it makes.</summary>
    public byte KeyId { get; }

    /// <summary>Id of the previous key, 0 when none is configured.</summary>
    public byte PreviousKeyId { get; }

    /// <summary>True when a previous key is configured.</summary>
    public bool HasPreviousKey => _previousKey is not null;

    /// <summary>Loads the key files named in the <c>Privacy</c> section of <paramref name="configuration"/> (the root or the section itself).</summary>
    public static Pseudonymiser Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration is IConfigurationSection { Key: PrivacyOptions.Section } s ? s : configuration.GetSection(PrivacyOptions.Section);
        var options = new PrivacyOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationException($"{PrivacyOptions.Section}:KeyId", $"must be a number 1-255 ({e.Message})");
        }

        return Load(options);
    }

    /// <summary>Loads the key files; a missing, short or too widely readable file throws <see cref="ConfigurationException"/>.</summary>
    public static Pseudonymiser Load(PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = PrivacyOptions.Section;
        if (options.KeyId == 0)
        {
            throw new ConfigurationException($"{prefix}:KeyId", "must be 1-255 (0 means 'no pseudonym')");
        }

        var key = PrivacyKeyFile.Load(options.KeyFile, $"{prefix}:KeyFile");
        byte[]? previous = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(options.PreviousKeyFile))
            {
                if (options.PreviousKeyId == 0 || options.PreviousKeyId == options.KeyId)
                {
                    throw new ConfigurationException($"{prefix}:PreviousKeyId", $"must be 1-255 and differ from KeyId ({options.KeyId})");
                }

                previous = PrivacyKeyFile.Load(options.PreviousKeyFile, $"{prefix}:PreviousKeyFile");
            }

            return new Pseudonymiser(key, options.KeyId, previous, options.PreviousKeyId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (previous is not null)
            {
                CryptographicOperations.ZeroMemory(previous);
            }
        }
    }

    /// <summary>Writes the pseudonym of <paramref name="identifier"/> under the current key into <paramref name="destination"/>. Allocates nothing.</summary>
    public void Pseudonymise(IdentifierKind kind, ReadOnlySpan<byte> identifier, ref Pseudonym destination) =>
        Compute(_key, KeyId, kind, identifier, ref destination);

    /// <summary>The pseudonym of <paramref name="identifier"/> under the current key.</summary>
    public Pseudonym Pseudonymise(IdentifierKind kind, ReadOnlySpan<byte> identifier)
    {
        var p = default(Pseudonym);
        Pseudonymise(kind, identifier, ref p);
        return p;
    }

    /// <summary>Writes the pseudonym under the previous key; returns false (and leaves the destination) when none is configured.</summary>
    public bool TryPseudonymisePrevious(IdentifierKind kind, ReadOnlySpan<byte> identifier, ref Pseudonym destination)
    {
        if (_previousKey is null)
        {
            return false;
        }

        Compute(_previousKey, PreviousKeyId, kind, identifier, ref destination);
        return true;
    }

    /// <summary>Zeroes the key bytes.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        if (_previousKey is not null)
        {
            CryptographicOperations.ZeroMemory(_previousKey);
        }
    }

    /// <summary>Describes the instance without any key material.</summary>
    public override string ToString() => HasPreviousKey ? $"Pseudonymiser(k{KeyId}, previous k{PreviousKeyId})" : $"Pseudonymiser(k{KeyId})";

    private static void Compute(byte[] key, byte keyId, IdentifierKind kind, ReadOnlySpan<byte> identifier, ref Pseudonym destination)
    {
        if (identifier.Length > MaxIdentifierBytes)
        {
            throw new ArgumentException($"Expected an identifier of at most {MaxIdentifierBytes} bytes but got {identifier.Length}.", nameof(identifier));
        }

        Span<byte> input = stackalloc byte[MaxIdentifierBytes + 1];
        input[0] = (byte)kind;
        identifier.CopyTo(input[1..]);
        var n = identifier.Length + 1;
        HMACSHA256.HashData(key, input[..n], destination.WritableBytes);
        CryptographicOperations.ZeroMemory(input[..n]); // the raw identifier does not linger on the stack
        destination.KeyId = keyId;
        destination.HasValue = true;
    }
}
