namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>
/// How long one thread spins before it blocks, learned from how its recent waits ended. A spin pays when the event
/// comes within it (no sleep, no wake-up: on the PVM guest a sleep and wake costs the two threads about 20 µs of CPU
/// and tens of µs of latency); it is waste when events come slower than the spin, or when the producer needs the very
/// core this thread spins on.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Hot: after 64 waits in a row that the spin caught, events come faster than the spin: spin up to the hot limit
/// (default 8 x the spin, 200 µs), so a producer that stalls for a moment (an interrupt, a page fault, a short
/// preemption) does not send this thread to sleep and make every event behind the stall wait for a wake-up. The first
/// wait that outlasts it ends the hot state. At 100k events/s the thread spins between events anyway; the hot limit
/// costs at most one hot spin per 64 caught waits, which bounds what it can take from the other threads of a
/// pipeline that has the cores saturated (a 1 ms limit was as fast in the throughput runs and would have allowed five
/// times that).</item>
/// <item>Cooling: from the fourth wait in a row that blocked for longer than the spin, each such wait halves the
/// spin, and below a sixteenth there is none (1k events/s: nobody spins 25 µs per event for nothing).</item>
/// <item>Probing: while the spin is off, a wait that ended within the spin limit suggests spinning would pay, so the
/// next wait spins the full limit once. A probe that fails (the spin ran out) turns it off again and doubles the
/// number of such short waits before the next probe, up to 64: when producer and consumer share one core (a loaded
/// machine), events come only once the consumer stops spinning, and probing on every short wait would spend the
/// producer's time.</item>
/// </list>
/// Single-threaded: one instance per thread (<see cref="BlockedWaiter"/>).
/// </remarks>
internal sealed class AdaptiveSpin
{
    /// <summary>Consecutive caught waits after which the thread spins up to the hot limit.</summary>
    public const int HotAfter = 64;

    /// <summary>Longest interval between probes, in short waits.</summary>
    public const int MaxProbeInterval = 64;

    private const int CoolAfter = 4;
    private const int Off = 5; // spin >> 5 is below a sixteenth of the limit: no spin

    private int _shift;
    private bool _hot;
    private bool _probing;
    private int _caught;
    private int _longWaits;
    private int _shortWaits;
    private int _probeAfter = 1;

    /// <summary>Ticks to spin on the next wait, for a spin limit and a hot limit in the same unit.</summary>
    public long Budget(long spin, long hot) => _hot ? Math.Max(hot, spin) : _shift >= Off ? 0 : spin >> _shift;

    /// <summary>True while the last 64 or more waits were caught by spinning.</summary>
    public bool IsHot => _hot;

    /// <summary>The spin saw the sequence arrive.</summary>
    public void Caught()
    {
        _shift = 0;
        _longWaits = 0;
        _probing = false;
        _probeAfter = 1;
        if (++_caught >= HotAfter)
        {
            _hot = true;
        }
    }

    /// <summary>The spin ran out and the thread blocked; the wait ended <paramref name="waited"/> ticks after it began.</summary>
    public void Blocked(long waited, long spin)
    {
        _caught = 0;
        if (waited <= spin)
        {
            // Spinning the full limit would have caught it (so this wait spun less than that, or not at all).
            _longWaits = 0;
            if (_shift < Off)
            {
                _shift = 0;
            }
            else if (++_shortWaits >= _probeAfter)
            {
                _shortWaits = 0;
                _shift = 0;
                _probing = true;
            }

            return;
        }

        if (_hot)
        {
            _hot = false; // the burst ended, or a stall outlasted the hot spin: back to the plain limit
        }
        else if (_probing)
        {
            _probing = false;
            _shift = Off;
            _probeAfter = Math.Min(_probeAfter * 2, MaxProbeInterval);
        }
        else if (++_longWaits >= CoolAfter && _shift < Off)
        {
            _shift++;
        }
    }
}
