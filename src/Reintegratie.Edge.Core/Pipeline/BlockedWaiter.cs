namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>
/// One thread's wait in a <see cref="SpinThenBlockWaitStrategy"/>: what it waits for (so a signaller can tell whether
/// this waiter can proceed and wake only it), its own monitor, and its adaptive spin budget. One instance per thread,
/// reused for every wait; it is registered with at most one strategy at a time (a wait is synchronous).
/// </summary>
internal sealed class BlockedWaiter
{
    [ThreadStatic]
    private static BlockedWaiter? t_current;

    // Seqlock over Sequence/Cursor/Dependencies: odd while they are being written. A signaller that sees an odd or
    // changed generation cannot trust what it read and wakes the waiter anyway (a spurious wake-up is harmless; a
    // missed one is not).
    private readonly object _gate = new();
    private int _generation;
    private long _sequence;
    private Sequence? _cursor;
    private Sequence[] _dependencies = [];

    /// <summary>The calling thread's waiter.</summary>
    public static BlockedWaiter Current => t_current ??= new BlockedWaiter();

    /// <summary>Stopwatch timestamp at which a signaller found this waiter able to proceed (0: not since <see cref="Prepare"/>).</summary>
    public long SignalledAt { get; set; }

    /// <summary>Consecutive waits that blocked for longer than the spin limit.</summary>
    public int LongWaits { get; set; }

    /// <summary>Stopwatch ticks this thread spins before it blocks; adapted after every wait.</summary>
    public long SpinTicks { get; set; } = -1;

    /// <summary>Records what the next block waits for. Only while not registered with a strategy.</summary>
    public void Prepare(long sequence, Sequence cursor, Sequence[] dependencies)
    {
        Interlocked.Increment(ref _generation); // odd: fields in flux (full fence)
        SignalledAt = 0;
        _sequence = sequence;
        _cursor = cursor;
        _dependencies = dependencies;
        Interlocked.Increment(ref _generation); // even: fields stable (full fence)
    }

    /// <summary>True when the waiter can proceed, or when what it waits for could not be read consistently.</summary>
    public bool MayProceed()
    {
        var before = Volatile.Read(ref _generation);
        if ((before & 1) != 0)
        {
            return true;
        }

        var cursor = _cursor;
        var dependencies = _dependencies;
        var sequence = _sequence;
        Interlocked.MemoryBarrier(); // the field reads above complete before the generation is read again
        if (Volatile.Read(ref _generation) != before || cursor is null)
        {
            return true;
        }

        return SpinThenBlockWaitStrategy.Available(cursor, dependencies) >= sequence;
    }

    /// <summary>The monitor the waiter holds while it checks and blocks; a wake-up pulses it.</summary>
    public object Gate => _gate;

    /// <summary>Wakes the waiter if it is blocked in <see cref="Monitor.Wait(object)"/> on <see cref="Gate"/>.</summary>
    public void Wake()
    {
        lock (_gate)
        {
            Monitor.Pulse(_gate);
        }
    }
}
