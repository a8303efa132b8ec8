namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>
/// One thread's wait in a <see cref="SpinThenBlockWaitStrategy"/>: what it waits for (so a signaller can tell whether
/// this waiter can proceed and wake only it), its park word, and its adaptive spin budget. One instance per thread,
/// reused for every wait; it is registered with at most one strategy at a time (a wait is synchronous).
/// </summary>
/// <remarks>
/// Parking: the waiter arms its word (1), re-checks what it waits for, and sleeps on the word with a futex while it is
/// still 1; a waker that finds the word armed sets it to 0 and, only then, makes the wake-up system call. Neither side
/// takes a lock, and a waker of a waiter that is not parked costs one read.
/// </remarks>
internal sealed unsafe class BlockedWaiter
{
    private const int Running = 0;
    private const int Armed = 1;
    [ThreadStatic]
    private static BlockedWaiter? t_current;

    // Seqlock over Sequence/Cursor/Dependencies: odd while they are being written. A signaller that sees an odd or
    // changed generation cannot trust what it read and wakes the waiter anyway (a spurious wake-up is harmless; a
    // missed one is not).
    private readonly int[] _park = GC.AllocateArray<int>(1, pinned: true); // pinned: the futex needs an address that never moves
    private readonly object _gate = new(); // only where there is no futex (not Linux x64/arm64)
    private int _generation;
    private long _sequence;
    private Sequence? _cursor;
    private Sequence[] _dependencies = [];

    /// <summary>The calling thread's waiter.</summary>
    public static BlockedWaiter Current => t_current ??= new BlockedWaiter();

    /// <summary>Stopwatch timestamp at which a signaller found this waiter able to proceed (0: not since <see cref="Prepare"/>).</summary>
    public long SignalledAt { get; set; }

    /// <summary>How long this thread spins before it blocks; adapted after every wait.</summary>
    public AdaptiveSpin Spin { get; } = new();

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

    /// <summary>
    /// Announces that this thread is about to sleep. Full fence: the armed word is visible before the caller re-reads
    /// what it waits for, so a signaller that publishes after that read sees the word armed and wakes it.
    /// </summary>
    public void Arm() => Interlocked.Exchange(ref _park[0], Armed);

    /// <summary>Back to running (after the wait ended without a wake-up). Release: ordered after the wait's reads.</summary>
    public void Disarm() => Volatile.Write(ref _park[0], Running);

    /// <summary>
    /// Sleeps while armed (until <see cref="Wake"/>, a spurious return, or <paramref name="timeoutMs"/> when not
    /// negative). The caller looks again at what it waits for and arms again before the next park.
    /// </summary>
    public void Park(int timeoutMs)
    {
        if (Futex.IsSupported)
        {
            fixed (int* word = _park)
            {
                Futex.Wait(word, Armed, timeoutMs); // sleeps only if the word is still Armed, atomically with the test
            }

            return;
        }

        lock (_gate)
        {
            if (Volatile.Read(ref _park[0]) == Armed) // acquire: pairs with Wake's exchange
            {
                Monitor.Wait(_gate, timeoutMs);
            }
        }
    }

    /// <summary>True while the waiter is armed or parked (not yet woken).</summary>
    public bool IsArmed => Volatile.Read(ref _park[0]) == Armed; // acquire: pairs with Arm's exchange

    /// <summary>Wakes the waiter if it is armed or parked; costs one read when it is not.</summary>
    public void Wake() => TryWake(0);

    /// <summary>
    /// Wakes the waiter if it is armed or parked, and records <paramref name="signalledAt"/> as the moment it could
    /// proceed (when not 0). Only the one waker that finds it armed does either; later signals while the woken thread
    /// waits for a core change nothing (they would make its wait look longer than it was). True when this call woke it.
    /// </summary>
    public bool TryWake(long signalledAt)
    {
        // Read first so that waking a running waiter writes nothing (no cache-line transfer); the exchange (full
        // fence) decides which waker makes the one system call.
        if (Volatile.Read(ref _park[0]) != Armed || Interlocked.Exchange(ref _park[0], Running) != Armed)
        {
            return false;
        }

        if (signalledAt != 0)
        {
            SignalledAt = signalledAt; // read by the waiter after its wait; a late write is caught there (older than the wait's start)
        }

        if (Futex.IsSupported)
        {
            fixed (int* word = _park)
            {
                Futex.WakeOne(word);
            }

            return true;
        }

        lock (_gate)
        {
            Monitor.Pulse(_gate);
        }

        return true;
    }
}
