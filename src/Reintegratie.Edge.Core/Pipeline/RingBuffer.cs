using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>
/// A multi-producer ring of pre-allocated, reused slots (after the LMAX Disruptor). Producers claim a sequence
/// (TryNext / <see cref="Next"/>), write the slot, and <see cref="Publish"/> it; consumer stages read
/// through a <see cref="SequenceBarrier"/> and advance their own <see cref="Sequence"/>. The slowest stage's sequence
/// gates the producers, so a slot is never overwritten before every stage has read it.
/// </summary>
/// <typeparam name="T">Slot type, created once per slot by the factory.</typeparam>
public sealed class RingBuffer<T> : IRingAvailability
    where T : class
{
    private readonly T[] _entries;
    private readonly int[] _available;
    private readonly int _mask;
    private readonly int _indexShift;
    private readonly Sequence _cursor = new();
    private readonly Sequence _gatingCache = new();
    private Sequence[] _gating = [];

    /// <summary>Creates the ring and fills every slot from <paramref name="factory"/>.</summary>
    /// <param name="capacity">Slot count, a power of two.</param>
    /// <param name="factory">Creates one slot.</param>
    /// <param name="waitStrategy">How consumers wait; <see cref="SpinThenBlockWaitStrategy"/> when null.</param>
    public RingBuffer(int capacity, Func<T> factory, IWaitStrategy? waitStrategy = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (capacity < 2 || !BitOperations.IsPow2(capacity))
        {
            ThrowHelper.CapacityNotPowerOfTwo(capacity);
        }

        _entries = new T[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _entries[i] = factory();
        }

        _available = new int[capacity];
        _available.AsSpan().Fill(-1);
        _mask = capacity - 1;
        _indexShift = BitOperations.Log2((uint)capacity);
        WaitStrategy = waitStrategy ?? new SpinThenBlockWaitStrategy();
    }

    /// <summary>Number of slots.</summary>
    public int Capacity => _entries.Length;

    /// <summary>The highest claimed sequence (not necessarily published yet).</summary>
    public long Cursor => _cursor.Value;

    /// <summary>The wait strategy the consumers use.</summary>
    public IWaitStrategy WaitStrategy { get; }

    /// <summary>The slot for a sequence.</summary>
    public T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _entries[sequence & _mask];
    }

    /// <summary>Free slots right now (approximate under concurrency).</summary>
    public long RemainingCapacity => Capacity - (_cursor.Value - Sequence.Min(_gating, _cursor.Value));

    /// <summary>Adds the sequences of the last stages; call before producers start.</summary>
    public void AddGatingSequences(params Sequence[] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        _gating = [.. _gating, .. sequences];
    }

    /// <summary>Creates a barrier for a stage that reads after <paramref name="dependencies"/> (none: straight after the producers).</summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependencies) => new(this, _cursor, dependencies ?? [], WaitStrategy);

    /// <summary>Claims the next sequence if a slot is free; false when the ring is full. Never blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(out long sequence)
    {
        while (true)
        {
            var current = _cursor.Value;
            var next = current + 1;
            var wrapPoint = next - _entries.Length;
            var cachedGating = _gatingCache.Value;

            if (wrapPoint > cachedGating || cachedGating > current)
            {
                var gating = Sequence.Min(_gating, current);
                if (wrapPoint > gating)
                {
                    sequence = -1;
                    return false;
                }

                _gatingCache.Value = gating; // release is enough: the cache is only a hint, re-validated above
            }
            else if (_cursor.CompareAndSet(current, next))
            {
                sequence = next;
                return true;
            }
        }
    }

    /// <summary>Claims the next sequence, waiting as long as it takes for a free slot (until cancelled).</summary>
    public long Next(CancellationToken cancellationToken = default)
    {
        if (TryNext(out var sequence))
        {
            return sequence;
        }

        return NextSlow(Timeout.InfiniteTimeSpan, cancellationToken, out sequence) ? sequence : -1;
    }

    /// <summary>
    /// Claims the next sequence, waiting at most <paramref name="timeout"/> for a free slot. Returns false when the
    /// ring stayed full that long. The wait uses the monotonic <see cref="Stopwatch"/>, not the wall clock.
    /// </summary>
    public bool TryNext(TimeSpan timeout, CancellationToken cancellationToken, out long sequence) =>
        TryNext(out sequence) || NextSlow(timeout, cancellationToken, out sequence);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool NextSlow(TimeSpan timeout, CancellationToken cancellationToken, out long sequence)
    {
        var start = Stopwatch.GetTimestamp();
        var spin = default(SpinWait);
        while (!TryNext(out sequence))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (timeout != Timeout.InfiniteTimeSpan && Stopwatch.GetElapsedTime(start) >= timeout)
            {
                return false;
            }

            // Producers wait for consumers by spinning then yielding/sleeping(1): consumers do not signal producers,
            // which keeps the consumer hot path free of a second wake-up. A full ring is the exception, not the rule.
            spin.SpinOnce();
        }

        return true;
    }

    /// <summary>Makes a claimed slot visible to the consumers. Call exactly once per claimed sequence, in a finally.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        // Release: the slot's contents are written before the availability flag that consumers acquire.
        Volatile.Write(ref _available[(int)(sequence & _mask)], (int)(sequence >>> _indexShift));
        WaitStrategy.SignalAllWhenBlocking();
    }

    /// <summary>True when the sequence has been published (in this lap of the ring).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAvailable(long sequence) =>
        Volatile.Read(ref _available[(int)(sequence & _mask)]) == (int)(sequence >>> _indexShift); // acquire: pairs with Publish

    /// <summary>
    /// The highest sequence in [<paramref name="lowerBound"/>, <paramref name="availableSequence"/>] below which
    /// every sequence is published (producers may publish out of claim order).
    /// </summary>
    public long GetHighestPublishedSequence(long lowerBound, long availableSequence)
    {
        for (var s = lowerBound; s <= availableSequence; s++)
        {
            if (!IsAvailable(s))
            {
                return s - 1;
            }
        }

        return availableSequence;
    }
}
