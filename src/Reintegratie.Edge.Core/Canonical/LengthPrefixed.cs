using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Reintegratie.Edge.Core.Canonical;

/// <summary>
/// The unambiguous field encoding shared by the journal's hash chain and signed commands: <c>0x00</c> for an absent
/// value, else <c>0x01</c>, the length as a 4-byte big-endian integer and the bytes (text as UTF-8). Length prefixes
/// need no escaping rules, and anyone can recompute them (docs/MQTT.md, Journal README).
/// </summary>
public static class LengthPrefixed
{
    /// <summary>Writes a text field (null = absent).</summary>
    public static void Write(IBufferWriter<byte> buffer, string? value)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (value is null)
        {
            WriteAbsent(buffer);
            return;
        }

        var n = Encoding.UTF8.GetByteCount(value);
        var span = buffer.GetSpan(5 + n);
        span[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)n);
        Encoding.UTF8.GetBytes(value, span[5..]);
        buffer.Advance(5 + n);
    }

    /// <summary>Writes a byte field.</summary>
    public static void Write(IBufferWriter<byte> buffer, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var span = buffer.GetSpan(5 + value.Length);
        span[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value.Length);
        value.CopyTo(span[5..]);
        buffer.Advance(5 + value.Length);
    }

    /// <summary>Writes an absent field.</summary>
    public static void WriteAbsent(IBufferWriter<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.GetSpan(1)[0] = 0;
        buffer.Advance(1);
    }
}
