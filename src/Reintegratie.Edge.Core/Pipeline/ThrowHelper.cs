using System.Diagnostics.CodeAnalysis;

namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>Throws from the cold path so the hot callers stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void CapacityNotPowerOfTwo(int capacity) =>
        throw new ArgumentException($"Ring capacity must be a power of two and at least 2, but is {capacity}.", nameof(capacity));

    [DoesNotReturn]
    public static void SequenceNotClaimed(long sequence, long cursor) =>
        throw new InvalidOperationException($"Sequence {sequence} was published but the cursor is only at {cursor}: publish only what Next/TryNext claimed.");
}
