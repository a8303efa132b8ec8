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
        var threads = new Dictionary<int, (long, long)>();
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

    /// <summary>CPU (ms) and runs of every thread but the <paramref name="busiest"/> that ran longest between the snapshots.</summary>
    public static (double CpuMs, long Runs) Between(Dictionary<int, (long RunNs, long Runs)> before, Dictionary<int, (long RunNs, long Runs)> after, int busiest)
    {
        var deltas = after.Select(t => before.TryGetValue(t.Key, out var b) ? (t.Value.RunNs - b.RunNs, t.Value.Runs - b.Runs) : t.Value)
            .OrderByDescending(d => d.Item1)
            .Skip(busiest)
            .ToList();
        return (deltas.Sum(d => d.Item1) / 1e6, deltas.Sum(d => d.Item2));
    }
}
