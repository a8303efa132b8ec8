using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Reintegratie.Edge.Core.Events;

/// <summary>
/// A keyed HMAC-SHA256 pseudonym of a personal identifier (IMSI, IMEI, bodycam wearer id), stored
/// inline (32 bytes) with the id of the key that made it, so keys can rotate. Raw identifiers never
/// reach the ring: adapters pseudonymise before publishing.
/// </summary>
public struct Pseudonym : IEquatable<Pseudonym>
{
    /// <summary>HMAC-SHA256 output length.</summary>
    public const int Size = 32;

    private Buffer _bytes;

    /// <summary>Id of the key that produced the pseudonym (0 = none stored).</summary>
    public byte KeyId;

    /// <summary>True when a pseudonym is stored.</summary>
    public bool HasValue;

    /// <summary>The 32 HMAC bytes.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Writable view of the HMAC bytes (for the pseudonymiser).</summary>
    [UnscopedRef]
    public Span<byte> WritableBytes => _bytes;

    /// <summary>Stores a pseudonym.</summary>
    public void Set(ReadOnlySpan<byte> hmac, byte keyId)
    {
        hmac[..Size].CopyTo(_bytes);
        KeyId = keyId;
        HasValue = true;
    }

    /// <summary>The canonical text form: <c>k{keyId}:{first 16 bytes as lower-case hex}</c>.</summary>
    /// <remarks>128 bits keep collisions negligible for the handset population of one site while shortening journal rows.</remarks>
    public override readonly string ToString() =>
        HasValue ? $"k{KeyId}:{Convert.ToHexStringLower(((ReadOnlySpan<byte>)_bytes)[..16])}" : string.Empty;

    /// <inheritdoc />
    public readonly bool Equals(Pseudonym other) =>
        HasValue == other.HasValue && KeyId == other.KeyId && Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is Pseudonym p && Equals(p);

    /// <inheritdoc />
    public override readonly int GetHashCode() => HasValue ? BitConverter.ToInt32(Bytes) : 0;

    /// <summary>Equality.</summary>
    public static bool operator ==(Pseudonym left, Pseudonym right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Pseudonym left, Pseudonym right) => !left.Equals(right);

    [InlineArray(Size)]
    private struct Buffer
    {
        private byte _element0;
    }
}
