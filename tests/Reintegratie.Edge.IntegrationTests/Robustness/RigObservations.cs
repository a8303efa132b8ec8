using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>Things the robustness cases read off the subscriber, the gateway log and /proc.</summary>
internal static partial class RigObservations
{
    /// <summary>Waits for a condition, polling every 100 ms.</summary>
    public static bool Until(Func<bool> condition, TimeSpan timeout) => SpinWait.SpinUntil(() =>
    {
        if (condition())
        {
            return true;
        }

        Thread.Sleep(100);
        return false;
    }, timeout);

    /// <summary>The first lifecycle message matching <paramref name="match"/>, or null.</summary>
    public static AlertMessage? First(this PersistentSubscriber subscriber, Func<AlertMessage, bool> match) =>
        subscriber.Messages.FirstOrDefault(match);

    /// <summary>Number of a track id like <c>T0042</c> (-1 for other ids).</summary>
    public static int TrackNumber(string? track) =>
        track is { Length: > 1 } && track[0] == 'T' && int.TryParse(track.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    /// <summary>VmRSS of a process in MiB, or null when it is gone.</summary>
    public static double? ResidentMiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                    return kb / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>The highest "{N} waits so far" the pipeline logged (producers that waited on a full ring).</summary>
    public static long RingWaits(IEnumerable<string> stderr) =>
        stderr.Select(l => WaitsSoFar().Match(l)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();

    /// <summary>Milliseconds between two Stopwatch timestamps.</summary>
    public static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    /// <summary>The q-quantile (nearest rank) of a sorted list.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    [GeneratedRegex(@"(\d+) waits so far")]
    private static partial Regex WaitsSoFar();
}
