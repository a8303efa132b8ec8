using System.Globalization;

namespace Reintegratie.Edge.Benchmarks.Harness;

/// <summary>`make bench`: measures every target this project can measure here and writes the summary and docs.</summary>
public static class BenchRunner
{
    public static int Run(string outDir, string docsPath, bool quick)
    {
        var summary = new BenchSummary();
        var events = quick ? 1_000_000L : 10_000_000L;
        static string F(double v, string fmt = "N0") => v.ToString(fmt, CultureInfo.InvariantCulture);

        Console.Error.WriteLine($"[bench] ring vs bounded Channel<T>: {events:N0} events, 1 producer, 1 consumer (best of 3)");
        RingVsChannel.RingThroughput(events / 10);
        RingVsChannel.ChannelThroughput(events / 10);
        var ring = Enumerable.Range(0, 3).Max(_ => RingVsChannel.RingThroughput(events));
        var channel = Enumerable.Range(0, 3).Max(_ => RingVsChannel.ChannelThroughput(events));
        summary.Add("ring_vs_channel_throughput_ratio", ring / channel);
        summary.Row("ring throughput, events/s", ">= 2x channel", F(ring), $"Channel: {F(channel)}", $"ratio {F(ring / channel, "0.00")}x");

        var pacedSeconds = quick ? 2 : 5;
        Console.Error.WriteLine($"[bench] hand-off latency at 100k events/s paced, {pacedSeconds} s each");
        var (r50, r99, r999) = RingVsChannel.RingPacedLatency(100_000, TimeSpan.FromSeconds(pacedSeconds));
        var (c50, c99, c999) = RingVsChannel.ChannelPacedLatency(100_000, TimeSpan.FromSeconds(pacedSeconds));
        summary.Add("ring_p99_us_at_100k", r99);
        summary.Row("ring hand-off p50 / p99 / p99.9 at 100k/s, µs", "p99 <= 20", $"{F(r50, "0.0")} / {F(r99, "0.0")} / {F(r999, "0.0")}",
            $"Channel: {F(c50, "0.0")} / {F(c99, "0.0")} / {F(c999, "0.0")}");

        Console.Error.WriteLine("[bench] idle CPU of a started ring, 5 s");
        var idle = RingVsChannel.RingIdleCpuPercent(TimeSpan.FromSeconds(quick ? 2 : 5));
        summary.Add("ring_idle_cpu_percent", idle);
        summary.Row("idle CPU, % of one core", "~0 (<= 1)", F(idle, "0.00"), "-", "whole benchmark process, stage blocked");

        Console.Error.WriteLine("[bench] allocated bytes per event through the ring");
        var alloc = RingVsChannel.RingAllocatedBytesPerEvent(events / 10);
        summary.Add("alloc_bytes_per_event", alloc);
        summary.Row("allocated bytes per event (ring hand-off)", "0", F(alloc, "0.000"), "-", "GC.GetTotalAllocatedBytes(precise) over the run / events");

        summary.Write(outDir, docsPath, "make bench", TimeProvider.System.GetUtcNow());
        Console.Error.WriteLine($"[bench] wrote {Path.Combine(outDir, "summary.json")} and {docsPath}");
        return 0;
    }

}
