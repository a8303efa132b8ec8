using System.Diagnostics;
using System.Globalization;

namespace Reintegratie.Edge.Core.Diagnostics;

/// <summary>
/// The start timeline, for finding what start-to-READY is spent on: with <c>EDGE_START_TRACE=1</c> in the environment
/// each start step writes one line to standard error, <c>start-trace +T ms (+D ms) step</c>, T since the process was
/// executed (the first line: from /proc, 10 ms resolution; then a monotonic clock) and D since the previous step.
/// Off (one environment read, then a flag test per step) otherwise. Standard error directly, not the logger: the first
/// steps run before logging is configured, and the logger's own cost would be in the figures.
/// </summary>
public static class StartTrace
{
    private static readonly bool s_enabled = Environment.GetEnvironmentVariable("EDGE_START_TRACE") == "1";
    private static readonly Lock s_gate = new();
    private static long s_origin;
    private static double s_originAgeMs;
    private static long s_previous;

    /// <summary>Whether the trace is on.</summary>
    public static bool IsEnabled => s_enabled;

    /// <summary>Records that <paramref name="step"/> has just finished.</summary>
    public static void Mark(string step)
    {
        if (!s_enabled)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        lock (s_gate)
        {
            if (s_origin == 0)
            {
                s_origin = now;
                s_previous = now;
                s_originAgeMs = ProcessAgeMs();
            }

            var total = s_originAgeMs + Stopwatch.GetElapsedTime(s_origin, now).TotalMilliseconds;
            var delta = Stopwatch.GetElapsedTime(s_previous, now).TotalMilliseconds;
            s_previous = now;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start-trace +{total,8:0.0} ms (+{delta,7:0.0} ms) {step}"));
        }
    }

    /// <summary>Milliseconds since this process was executed: /proc/uptime minus field 22 of /proc/self/stat (clock ticks, USER_HZ 100).</summary>
    private static double ProcessAgeMs()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var startTicks = long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19], CultureInfo.InvariantCulture);
            var uptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);
            return Math.Max(0, (uptime * 1000.0) - (startTicks * 10.0));
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
