using System.Runtime.InteropServices;

namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>
/// A cache-line padded sequence number: the ring's cursor or one consumer stage's progress. Padding keeps
/// two hot counters that different cores write off one cache line (false sharing).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
public sealed class Sequence
{
    /// <summary>The value before anything is published or consumed.</summary>
    public const long InitialValue = -1;

    [FieldOffset(64)]
    private long _value;

    /// <summary>Creates a sequence.</summary>
    public Sequence(long initial = InitialValue)
    {
        _value = initial;
    }

    /// <summary>The current value.</summary>
    public long Value
    {
        // Acquire: a reader that sees a value also sees every slot write published before it.
        get => Volatile.Read(ref _value);

        // Release: slot writes before this store are visible to whoever reads the new value.
        set => Volatile.Write(ref _value, value);
    }

    /// <summary>Atomically replaces <paramref name="expected"/> with <paramref name="next"/>.</summary>
    public bool CompareAndSet(long expected, long next) =>
        Interlocked.CompareExchange(ref _value, next, expected) == expected; // full fence: claim must be totally ordered among producers

    /// <summary>The smallest value among <paramref name="sequences"/>, or <paramref name="minimum"/> when smaller or none.</summary>
    public static long Min(Sequence[] sequences, long minimum)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var min = minimum;
        foreach (var s in sequences)
        {
            var v = s.Value;
            if (v < min)
            {
                min = v;
            }
        }

        return min;
    }

    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
