using System.Globalization;

namespace Reintegratie.Edge.Benchmarks.Harness;

/// <summary>
/// CPU time and runs of this process's other threads during a paced round (the runtime's JIT tiering, GC, thread pool
/// and timer threads; /proc/self/task/*/schedstat): whether a preemption of the round's producer or consumer came from
/// inside the benchmark process (something to fix) or from other processes (the machine's bound). The two threads that
/// ran longest in the round are the producer and the consumer (both spin through it); the rest are "other".
/// </summary>
internal static class OtherThreads
{
    /// <summary>Run time (ns) and times scheduled, per thread id, now.</summary>
    public static Dictionary<int, (long RunNs, long Runs)> Snapshot()
    {
        var threads = new Dictionary<int, (long RunNs, long Runs)>();
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    // "run_ns run_delay_ns timeslices"
                    var fields = File.ReadAllText(Path.Combine(dir, "schedstat")).Split(' ');
                    threads[int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture)] =
                        (long.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[2], CultureInfo.InvariantCulture));
                }
                catch (IOException)
                {
                    // The thread ended between the listing and the read.
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Not Linux: no counts.
        }

        return threads;
    }

    /// <summary>
    /// CPU (ms) and runs of every thread but the <paramref name="busiest"/> that ran longest between the snapshots, and
    /// the name of the one of them that ran longest ("-" when none ran).
    /// </summary>
    public static (double CpuMs, long Runs, string Busiest) Between(Dictionary<int, (long RunNs, long Runs)> before, Dictionary<int, (long RunNs, long Runs)> after, int busiest)
    {
        var deltas = after.Select(t => (Tid: t.Key, Delta: before.TryGetValue(t.Key, out var b) ? (RunNs: t.Value.RunNs - b.RunNs, Runs: t.Value.Runs - b.Runs) : t.Value))
            .OrderByDescending(d => d.Delta.RunNs)
            .Skip(busiest)
            .ToList();
        var name = deltas.Count == 0 || deltas[0].Delta.RunNs == 0 ? "-" : NameOf(deltas[0].Tid);
        return (deltas.Sum(d => d.Delta.RunNs) / 1e6, deltas.Sum(d => d.Delta.Runs), name);
    }

    private static string NameOf(int tid)
    {
        try
        {
            return File.ReadAllText($"/proc/self/task/{tid}/comm").Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
