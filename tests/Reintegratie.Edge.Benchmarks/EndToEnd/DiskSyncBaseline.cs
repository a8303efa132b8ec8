using System.Diagnostics;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// The floor under every durable figure: the raw latency and CPU of one <c>fsync(2)</c> (<see cref="RandomAccess.FlushToDisk"/>,
/// the call <c>WalSync</c> makes) of a file that grows by one WAL frame (4 KiB page + 24-byte header) before each sync,
/// paced like events at 1k/s, on the same filesystem as the journal benchmarks, with no SQLite and no thread hand-off.
/// A journal event cannot be durable faster than this, so the frame -> subscriber p99 at 1k/s is bounded below by it.
/// </summary>
internal static class DiskSyncBaseline
{
    public sealed record Result(int Rate, int Syncs, double P50Us, double P99Us, double P999Us, double MaxUs, double CpuUsPerSync);

    public static Result Run(int rate, int syncs)
    {
        var dir = Directory.CreateTempSubdirectory("edge-fsync-bench-").FullName;
        try
        {
            using var file = File.OpenHandle(Path.Combine(dir, "journal.db-wal"), FileMode.CreateNew, FileAccess.ReadWrite);
            var frame = new byte[4096 + 24];
            var latencies = new double[syncs];
            long offset = 0;
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime; // the process is otherwise idle: this is the write and the fsync's CPU (the pacer's sleeps are a few us each)
            Pacer.Run(rate, syncs, i =>
            {
                RandomAccess.Write(file, frame, offset);
                offset += frame.Length;
                var t0 = Stopwatch.GetTimestamp();
                RandomAccess.FlushToDisk(file);
                latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            });
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpu0;
            Array.Sort(latencies);
            return new Result(rate, syncs, latencies[syncs / 2], latencies[(int)(syncs * 0.99)], latencies[Math.Min(syncs - 1, (int)(syncs * 0.999))],
                latencies[^1], cpu.TotalMicroseconds / syncs);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
