using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Reintegratie.Edge.Core.Events;

/// <summary>
/// Up to 32 ASCII bytes stored inline in a ring slot, so identifiers (UAS id, track id) travel from the
/// parser to fusion without allocating a string. Length is the number of meaningful bytes.
/// </summary>
public struct FixedAscii32 : IEquatable<FixedAscii32>
{
    /// <summary>Capacity in bytes.</summary>
    public const int Capacity = 32;

    private Buffer32 _bytes;
    private byte _length;

    /// <summary>Number of meaningful bytes.</summary>
    public readonly int Length => _length;

    /// <summary>True when nothing is stored.</summary>
    public readonly bool IsEmpty => _length == 0;

    /// <summary>The meaningful bytes.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> Span => ((ReadOnlySpan<byte>)_bytes)[.._length];

    /// <summary>Stores <paramref name="value"/>, truncated to <see cref="Capacity"/> bytes.</summary>
    public void Set(ReadOnlySpan<byte> value)
    {
        var n = Math.Min(value.Length, Capacity);
        value[..n].CopyTo(_bytes);
        _length = (byte)n;
    }

    /// <summary>Stores an ASCII string (non-ASCII characters become '?'), truncated to <see cref="Capacity"/>.</summary>
    public void Set(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> tmp = stackalloc byte[Capacity];
        var n = Math.Min(value.Length, Capacity);
        for (var i = 0; i < n; i++)
        {
            var c = value[i];
            tmp[i] = c < 128 ? (byte)c : (byte)'?';
        }

        Set(tmp[..n]);
    }

    /// <summary>Empties the value.</summary>
    public void Clear() => _length = 0;

    /// <summary>Creates a value from a string.</summary>
    public static FixedAscii32 From(string value)
    {
        var f = default(FixedAscii32);
        f.Set(value);
        return f;
    }

    /// <summary>The value as a string (allocates; for output stages only).</summary>
    public override readonly string ToString() => Encoding.ASCII.GetString(Span);

    /// <summary>A 64-bit FNV-1a hash of the bytes, stable across processes (usable as a track key).</summary>
    public readonly ulong StableHash()
    {
        var h = 14695981039346656037UL;
        foreach (var b in Span)
        {
            h = (h ^ b) * 1099511628211UL;
        }

        return h;
    }

    /// <inheritdoc />
    public readonly bool Equals(FixedAscii32 other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is FixedAscii32 o && Equals(o);

    /// <inheritdoc />
    public override readonly int GetHashCode() => (int)StableHash();

    /// <summary>Equality.</summary>
    public static bool operator ==(FixedAscii32 left, FixedAscii32 right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(FixedAscii32 left, FixedAscii32 right) => !left.Equals(right);

    [InlineArray(Capacity)]
    private struct Buffer32
    {
        private byte _element0;
    }
}
