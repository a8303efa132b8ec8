using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>
/// Spins for a short, adaptive time (at most 25 µs by default), then blocks until a producer or an earlier stage makes
/// progress that lets this waiter proceed.
/// </summary>
/// <remarks>
/// CPU cost: an idle gateway blocks every stage thread and uses no CPU (a Pi has four cores and a power budget).
/// Two measures keep a moderate rate (1k events/s, events a millisecond apart) cheap:
/// <list type="bullet">
/// <item>Targeted wake-ups: a blocked waiter registers what it waits for, and a signal wakes only the waiters whose
/// cursor and dependencies now reach their sequence. Before this, every publish and every stage's progress woke every
/// blocked stage (one monitor for all), so at 1k events/s each event cost six wake-ups instead of three.</item>
/// <item>Adaptive spin: a thread spins only while spinning pays. From the fourth wait in a row that had to block for
/// longer than the spin limit, each such wait halves the thread's spin budget (down to none); a wait that ended within
/// the limit restores it. At 100k
/// events/s events arrive within the spin and consumers never pay a wake-up; at 1k/s nobody spins 25 µs per event for
/// nothing (that was 3 x 25 µs of pause loops per event, 7.5% of a core).</item>
/// <item>Lock-free parking: a blocked thread sleeps on its own futex word (<see cref="BlockedWaiter"/>), and a wake-up
/// is one exchange and one system call, made only when the waiter is parked. The monitor used before took a lock on
/// both sides and made the woken thread retake it (spinning with <c>sched_yield</c> while the waker held it): at
/// 1k events/s through three stages the stage threads switched context twice per event and used 60-65 µs of CPU per
/// event; with the futex once, and 43-54 µs (<c>docs/BENCHMARKS.md</c>).</item>
/// </list>
/// Producers pay one fence and one volatile read per publish and look at the waiters only when one is blocked.
/// </remarks>
public sealed class SpinThenBlockWaitStrategy : IWaitStrategy
{
    private const int MaxRegistered = 16;
    private readonly BlockedWaiter?[] _registered = new BlockedWaiter?[MaxRegistered];
    private readonly long _spinTicks;
    private int _blockedWaiters;
    private long _wakeUps;

    /// <summary>Creates the strategy.</summary>
    /// <param name="spinTime">Longest spin before blocking (default 25 µs; zero blocks at once).</param>
    public SpinThenBlockWaitStrategy(TimeSpan? spinTime = null)
    {
        var spin = spinTime ?? TimeSpan.FromMicroseconds(25);
        ArgumentOutOfRangeException.ThrowIfLessThan(spin, TimeSpan.Zero, nameof(spinTime));
        _spinTicks = (long)(spin.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>Waiters blocked right now (tests and diagnostics).</summary>
    public int BlockedWaiters => Volatile.Read(ref _blockedWaiters);

    /// <summary>Wake-ups issued to blocked waiters so far (tests and diagnostics).</summary>
    internal long WakeUps => Interlocked.Read(ref _wakeUps);

    /// <inheritdoc />
    public long WaitFor(long sequence, Sequence cursor, Sequence[] dependencies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(dependencies);
        var available = Available(cursor, dependencies);
        if (available >= sequence)
        {
            return available;
        }

        var waiter = BlockedWaiter.Current;
        var budget = waiter.SpinTicks is < 0 || waiter.SpinTicks > _spinTicks ? _spinTicks : waiter.SpinTicks;
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() - start < budget)
        {
            // A pause instruction burst, never a yield to the OS: the block below is the slow path.
            Thread.SpinWait(16);
            available = Available(cursor, dependencies);
            if (available >= sequence)
            {
                return available;
            }
        }

        available = Block(waiter, sequence, cursor, dependencies, cancellationToken);

        // How long the wait really was: until the signaller found us able to proceed, not until we ran again (the
        // wake-up latency of a blocked thread would otherwise make every wait look long and keep the spin off for good).
        var signalled = waiter.SignalledAt;
        var waited = (signalled > start ? signalled : Stopwatch.GetTimestamp()) - start;

        // Spinning would have caught a wait this short: spin the full time next time. From the fourth long wait in a
        // row (events come slower than the spin, not a one-off stall of the producer) spin half as long each time, and
        // not at all once that is a sixteenth of the limit.
        if (waited <= _spinTicks)
        {
            waiter.LongWaits = 0;
            waiter.SpinTicks = _spinTicks;
        }
        else if (++waiter.LongWaits >= 4)
        {
            waiter.SpinTicks = budget / 2 < _spinTicks / 16 ? 0 : budget / 2;
        }

        return available;
    }

    /// <inheritdoc />
    /// <remarks>Wakes only the blocked waiters that can now proceed.</remarks>
    public void SignalAllWhenBlocking()
    {
        // Full fence, then read: a stage's progress is a plain release store (Sequence.Value), and a store followed by
        // a load of another location may be reordered (x86 store buffer, arm64). Without the fence this read could see
        // no waiter while the waiter, having registered and incremented the count (full fences), still reads the old
        // sequence: a lost wake-up. With it, either we see the waiter or it sees the progress.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _blockedWaiters) > 0)
        {
            WakeThoseThatMayProceed();
        }
    }

    /// <summary>The highest sequence the cursor and every dependency have reached.</summary>
    internal static long Available(Sequence cursor, Sequence[] dependencies) =>
        dependencies.Length == 0 ? cursor.Value : Math.Min(cursor.Value, Sequence.Min(dependencies, long.MaxValue));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WakeThoseThatMayProceed()
    {
        for (var i = 0; i < _registered.Length; i++)
        {
            if (Volatile.Read(ref _registered[i]) is { } waiter && waiter.MayProceed())
            {
                Interlocked.Increment(ref _wakeUps);
                waiter.SignalledAt = Stopwatch.GetTimestamp();
                waiter.Wake();
            }
        }
    }

    private long Block(BlockedWaiter waiter, long sequence, Sequence cursor, Sequence[] dependencies, CancellationToken cancellationToken)
    {
        waiter.Prepare(sequence, cursor, dependencies);
        var slot = Register(waiter);
        using var registration = cancellationToken.UnsafeRegister(static w => ((BlockedWaiter)w!).Wake(), waiter);
        Interlocked.Increment(ref _blockedWaiters); // full fence: registration and count visible before we re-read
        try
        {
            while (true)
            {
                waiter.Arm(); // full fence: armed before the re-read below, so a later signal finds the waiter armed
                cancellationToken.ThrowIfCancellationRequested();
                var available = Available(cursor, dependencies);
                if (available >= sequence)
                {
                    return available;
                }

                // More blocked threads than slots (never in the gateway: one per stage): nobody will wake this one by
                // name, so it looks again every millisecond.
                waiter.Park(slot >= 0 ? Timeout.Infinite : 1);
            }
        }
        finally
        {
            waiter.Disarm();
            Interlocked.Decrement(ref _blockedWaiters);
            if (slot >= 0)
            {
                Volatile.Write(ref _registered[slot], null);
            }
        }
    }

    private int Register(BlockedWaiter waiter)
    {
        for (var i = 0; i < _registered.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _registered[i], waiter, null) is null)
            {
                return i;
            }
        }

        return -1;
    }
}
