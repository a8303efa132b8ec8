using System.Globalization;

namespace Reintegratie.Edge.Benchmarks.Harness;

/// <summary>
/// The calling thread's context switches so far (/proc/thread-self/status): voluntary ones are sleeps (a blocked
/// stage, a futex wait), involuntary ones are preemptions (another runnable thread took the core); and the time it
/// spent runnable but waiting for a core (/proc/thread-self/schedstat, second field: the kernel's run_delay), which
/// says how long those preemptions and wake-ups kept it off a core. What a hand-off latency round needs to say why
/// its tail is what it is.
/// </summary>
internal readonly record struct ContextSwitches(long Voluntary, long Involuntary, long QueuedNanoseconds)
{
    public static ContextSwitches OfThisThread()
    {
        long voluntary = 0, involuntary = 0, queued = 0;
        try
        {
            foreach (var line in File.ReadLines("/proc/thread-self/status"))
            {
                if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
                {
                    voluntary = long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                {
                    involuntary = long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                }
            }

            // "run_ns run_delay_ns timeslices"
            var fields = File.ReadAllText("/proc/thread-self/schedstat").Split(' ');
            queued = long.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            // Not Linux: no counts, the percentiles still stand.
        }

        return new ContextSwitches(voluntary, involuntary, queued);
    }

    /// <summary>Milliseconds spent runnable but waiting for a core.</summary>
    public double QueuedMilliseconds => QueuedNanoseconds / 1e6;

    public static ContextSwitches operator -(ContextSwitches after, ContextSwitches before) =>
        new(after.Voluntary - before.Voluntary, after.Involuntary - before.Involuntary, after.QueuedNanoseconds - before.QueuedNanoseconds);
}
