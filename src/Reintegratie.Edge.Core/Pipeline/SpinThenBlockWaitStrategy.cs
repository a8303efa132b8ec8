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
/// <item>Adaptive spin (<see cref="AdaptiveSpin"/>): a thread spins only while spinning pays. At 100k events/s events
/// arrive within the spin, the thread turns hot and spins through short producer stalls instead of sleeping; at 1k/s
/// the spin cools off to none (3 x 25 µs of pause loops per event had been 7.5% of a core); on a core shared with
/// its producer it stays off, with rare probes.</item>
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
    private readonly long _hotSpinTicks;
    private int _blockedWaiters;
    private long _wakeUps;

    /// <summary>Creates the strategy.</summary>
    /// <param name="spinTime">Longest spin before blocking (default 25 µs; zero blocks at once).</param>
    /// <param name="hotSpinTime">
    /// Longest spin of a thread whose last 64 waits all ended within its spin (default 8 x <paramref name="spinTime"/>,
    /// 200 µs; see <see cref="AdaptiveSpin"/>).
    /// </param>
    public SpinThenBlockWaitStrategy(TimeSpan? spinTime = null, TimeSpan? hotSpinTime = null)
    {
        var spin = spinTime ?? TimeSpan.FromMicroseconds(25);
        ArgumentOutOfRangeException.ThrowIfLessThan(spin, TimeSpan.Zero, nameof(spinTime));
        var hot = hotSpinTime ?? spin * 8;
        ArgumentOutOfRangeException.ThrowIfLessThan(hot, TimeSpan.Zero, nameof(hotSpinTime));
        _spinTicks = (long)(spin.TotalSeconds * Stopwatch.Frequency);
        _hotSpinTicks = spin == TimeSpan.Zero ? 0 : (long)(hot.TotalSeconds * Stopwatch.Frequency); // no spin: never a hot one
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
        var budget = waiter.Spin.Budget(_spinTicks, _hotSpinTicks);
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() - start < budget)
        {
            // A pause instruction burst, never a yield to the OS: the block below is the slow path.
            Thread.SpinWait(16);
            available = Available(cursor, dependencies);
            if (available >= sequence)
            {
                waiter.Spin.Caught();
                return available;
            }
        }

        available = Block(waiter, sequence, cursor, dependencies, cancellationToken);

        // How long the wait really was: until the signaller found us able to proceed, not until we ran again (the
        // wake-up latency of a blocked thread would otherwise make every wait look long and keep the spin off for good).
        var signalled = waiter.SignalledAt;
        waiter.Spin.Blocked((signalled > start ? signalled : Stopwatch.GetTimestamp()) - start, _spinTicks);
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
            // Only an armed waiter needs a wake-up: one already woken but still waiting for a core (a loaded machine) is
            // passed over with a read, not re-signalled on every publish.
            if (Volatile.Read(ref _registered[i]) is { IsArmed: true } waiter && waiter.MayProceed() && waiter.TryWake(Stopwatch.GetTimestamp()))
            {
                Interlocked.Increment(ref _wakeUps); // a diagnostics counter; the waker that won the exchange counts
            }
        }
    }

    private long Block(BlockedWaiter waiter, long sequence, Sequence cursor, Sequence[] dependencies, CancellationToken cancellationToken)
    {
        waiter.Prepare(sequence, cursor, dependencies);
        var slot = Register(waiter);
        using var registration = cancellationToken.UnsafeRegister(static w => ((BlockedWaiter)w!).Wake(), waiter);
        waiter.Arm(); // full fence: armed before the re-read below, so a later signal finds the waiter armed
        Interlocked.Increment(ref _blockedWaiters); // full fence: registration and count visible before we re-read
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

                // More blocked threads than slots (never in the gateway: one per stage): nobody will wake this one by
                // name, so it looks again every millisecond.
                waiter.Park(slot >= 0 ? Timeout.Infinite : 1);
                waiter.Arm(); // as above, before the next re-read
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
