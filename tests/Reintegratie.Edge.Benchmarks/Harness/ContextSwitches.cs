using System.Globalization;

namespace Reintegratie.Edge.Benchmarks.Harness;

/// <summary>
/// The calling thread's context switches so far (/proc/thread-self/status): voluntary ones are sleeps (a blocked
/// stage, a futex wait), involuntary ones are preemptions (another runnable thread took the core). What a hand-off
/// latency round needs to say why its tail is what it is.
/// </summary>
internal readonly record struct ContextSwitches(long Voluntary, long Involuntary)
{
    public static ContextSwitches OfThisThread()
    {
        long voluntary = 0, involuntary = 0;
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
        }
        catch (IOException)
        {
            // Not Linux: no counts, the percentiles still stand.
        }

        return new ContextSwitches(voluntary, involuntary);
    }

    public static ContextSwitches operator -(ContextSwitches after, ContextSwitches before) =>
        new(after.Voluntary - before.Voluntary, after.Involuntary - before.Involuntary);
}
