namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>
/// Spins briefly (a few microseconds of <see cref="SpinWait"/>), then blocks on a monitor until a producer signals.
/// </summary>
/// <remarks>
/// CPU cost: under load a consumer spins only between bursts, so hand-off latency stays in the microseconds;
/// an idle gateway blocks every consumer thread and uses no CPU (a Pi has four cores and a power budget).
/// Producers pay one volatile read per publish and take the lock only when a consumer is actually blocked.
/// </remarks>
public sealed class SpinThenBlockWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private readonly int _spinIterations;
    private int _blockedWaiters;

    /// <summary>Creates the strategy.</summary>
    /// <param name="spinIterations"><see cref="SpinWait"/> iterations before blocking (default 100: a few µs, no yield to the OS).</param>
    public SpinThenBlockWaitStrategy(int spinIterations = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spinIterations);
        _spinIterations = spinIterations;
    }

    /// <inheritdoc />
    public long WaitFor(long sequence, Sequence cursor, Sequence[] dependencies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(dependencies);
        var spin = default(SpinWait);
        for (var i = 0; i < _spinIterations; i++)
        {
            var available = Available(cursor, dependencies);
            if (available >= sequence)
            {
                return available;
            }

            // -1: never let SpinWait fall back to Sleep(1) here; the block below is the slow path.
            spin.SpinOnce(sleep1Threshold: -1);
        }

        return Block(sequence, cursor, dependencies, cancellationToken);
    }

    /// <inheritdoc />
    public void SignalAllWhenBlocking()
    {
        // Full fence, then read: a stage's progress is a plain release store (Sequence.Value), and a store followed by
        // a load of another location may be reordered (x86 store buffer, arm64). Without the fence this read could see
        // no waiter while the waiter, having incremented the count (full fence), still reads the old sequence: a lost
        // wake-up until the next publish or tick. With it, either we see the waiter or it sees the progress.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _blockedWaiters) > 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    private long Block(long sequence, Sequence cursor, Sequence[] dependencies, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(static g =>
        {
            lock (g!)
            {
                Monitor.PulseAll(g);
            }
        }, _gate);

        lock (_gate)
        {
            Interlocked.Increment(ref _blockedWaiters); // full fence: must be visible before we re-read the cursor
            try
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var available = Available(cursor, dependencies);
                    if (available >= sequence)
                    {
                        return available;
                    }

                    Monitor.Wait(_gate);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _blockedWaiters); // full fence: pairs with the increment
            }
        }
    }

    private static long Available(Sequence cursor, Sequence[] dependencies) =>
        dependencies.Length == 0 ? cursor.Value : Math.Min(cursor.Value, Sequence.Min(dependencies, long.MaxValue));
}
