using System.Globalization;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>
/// How long each robustness case runs. <c>make test</c> sets nothing: every case runs its short version.
/// <c>make soak</c> (tests/soak/run-soak.sh) sets <c>EDGE_SOAK_SECONDS</c> per case and <c>EDGE_SOAK_REPORT</c>, a file
/// each case appends its result line to.
/// </summary>
internal static class SoakSettings
{
    private static readonly Lock s_lock = new();

    /// <summary>Seconds the running case should last, or null for the short version.</summary>
    public static double? Seconds { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("EDGE_SOAK_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : null;

    /// <summary>A loop runs until this many seconds passed (soak) or <paramref name="shortIterations"/> times (test).</summary>
    public static bool Continue(int iteration, int shortIterations, System.Diagnostics.Stopwatch elapsed) =>
        Seconds is { } seconds ? elapsed.Elapsed.TotalSeconds < seconds || iteration < shortIterations : iteration < shortIterations;

    /// <summary>The duration of a timed case: the soak duration or <paramref name="shortSeconds"/>.</summary>
    public static TimeSpan Duration(double shortSeconds) => TimeSpan.FromSeconds(Seconds ?? shortSeconds);

    /// <summary>Appends a result line to the soak report, when one is asked for.</summary>
    public static void Append(string line)
    {
        var path = Environment.GetEnvironmentVariable("EDGE_SOAK_REPORT");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        lock (s_lock)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }
}
