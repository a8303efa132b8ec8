using System.Diagnostics;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// Calls an action at a steady rate. Between frames it sleeps (1 ms granularity) rather than spins, so the harness does
/// not take a core from the gateway on a 2-core machine; a late frame is sent at once and timestamped when it is sent,
/// so pacing jitter shows up as bursts, never as false latency.
/// </summary>
internal static class Pacer
{
    public static void Run(int ratePerSecond, long count, Action<long> send)
    {
        var period = Stopwatch.Frequency / (double)ratePerSecond;
        var start = Stopwatch.GetTimestamp();
        for (long i = 0; i < count; i++)
        {
            var due = start + (long)(i * period);
            while (Stopwatch.GetTimestamp() < due)
            {
                Thread.Sleep(1);
            }

            send(i);
        }
    }
}
