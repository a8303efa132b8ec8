using System.Globalization;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// CPU ticks per thread of a process (utime + stime of /proc/PID/task/TID/stat, USER_HZ = 100) by thread name, so a
/// phase can say which threads (the journal stage, the events stage, MQTTnet's socket work, the pty reader) spent the
/// time: the stage timings the harness has without a profiler.
/// </summary>
internal sealed class ThreadCpu
{
    private readonly Dictionary<int, (string Name, long Ticks)> _threads;

    private ThreadCpu(Dictionary<int, (string Name, long Ticks)> threads) => _threads = threads;

    public static ThreadCpu Of(int pid)
    {
        var threads = new Dictionary<int, (string Name, long Ticks)>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var open = stat.IndexOf('(', StringComparison.Ordinal);
                    var close = stat.LastIndexOf(')');
                    var fields = stat[(close + 2)..].Split(' ');
                    var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                    threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (stat[(open + 1)..close], ticks);
                }
                catch (IOException)
                {
                    // The thread ended between listing and reading.
                }
            }
        }
        catch (IOException)
        {
            // The process ended.
        }

        return new ThreadCpu(threads);
    }

    /// <summary>The busiest thread names since <paramref name="before"/>, as "name 12.3%" (% of one core over <paramref name="seconds"/>), threads of the same name added up.</summary>
    public string TopSince(ThreadCpu before, double seconds, int count = 6)
    {
        var byName = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (tid, (name, ticks)) in _threads)
        {
            var earlier = before._threads.TryGetValue(tid, out var b) ? b.Ticks : 0;
            byName[name] = byName.GetValueOrDefault(name) + (ticks - earlier);
        }

        return string.Join(", ", byName.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value).Take(count)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value / 100.0 / seconds * 100.0:0.0}%")));
    }

    /// <summary>The threads named <paramref name="name"/>: their ticks since <paramref name="before"/> as % of one core over <paramref name="seconds"/>.</summary>
    public double PercentOf(string name, ThreadCpu before, double seconds) =>
        _threads.Where(kv => kv.Value.Name == name).Sum(kv => kv.Value.Ticks - (before._threads.TryGetValue(kv.Key, out var b) ? b.Ticks : 0)) / 100.0 / seconds * 100.0;

    /// <summary>All threads' ticks since <paramref name="before"/> as % of one core over <paramref name="seconds"/>.</summary>
    public double PercentSince(ThreadCpu before, double seconds) =>
        _threads.Sum(kv => kv.Value.Ticks - (before._threads.TryGetValue(kv.Key, out var b) ? b.Ticks : 0)) / 100.0 / seconds * 100.0;
}
