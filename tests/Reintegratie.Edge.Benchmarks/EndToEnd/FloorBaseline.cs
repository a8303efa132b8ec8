using System.Diagnostics;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// The design's floor at a paced rate, on the same broker as the gateway and in the same run: <see cref="FloorLoop"/>
/// in its own process (so its CPU is read from /proc exactly as the gateway's), fed the same <c>$PRFDT</c> frames on a
/// real pty, its events received by the same kind of subscriber. Twice: a plain run for CPU % and latency, then a timed
/// run for the CPU of each piece on the floor's thread (the clock reads would inflate the plain figure).
/// </summary>
internal static class FloorBaseline
{
    public sealed record Result(E2ePhase Phase, double CpuPercent, string Threads, FloorLoop.Report Plain, FloorLoop.Report Timed, double TimedCpuPercent)
    {
        /// <summary>CPU of the whole floor process per event, µs.</summary>
        public double CpuUsPerEvent => CpuPercent * 10_000.0 / Phase.Rate;

        /// <summary>CPU per event outside the floor's thread (MQTTnet's receive loop and PUBACK continuation, the socket engine), µs: the timed run's process total less its floor thread.</summary>
        public double OtherThreadsUsPerEvent { get; init; }
    }

    public static Result? Run(int brokerPort, int rate, long warmup, long count, TimeSpan grace, TextWriter log)
    {
        var plain = RunOnce(brokerPort, rate, warmup, count, grace, timed: false, log);
        var timed = plain is null ? null : RunOnce(brokerPort, rate, warmup, count, grace, timed: true, log);
        if (plain is null || timed is null)
        {
            return null;
        }

        return new Result(plain.Value.Phase, plain.Value.CpuPercent, plain.Value.Threads, plain.Value.Report, timed.Value.Report, timed.Value.CpuPercent)
        {
            OtherThreadsUsPerEvent = (timed.Value.CpuPercent - timed.Value.FloorThreadPercent) * 10_000.0 / rate,
        };
    }

    private static (E2ePhase Phase, double CpuPercent, double FloorThreadPercent, string Threads, FloorLoop.Report Report)? RunOnce(
        int brokerPort, int rate, long warmup, long count, TimeSpan grace, bool timed, TextWriter log)
    {
        var dir = Directory.CreateTempSubdirectory("edge-floor-").FullName;
        try
        {
            using var pty = PtyPair.Open();
            var book = new LatencyBook(warmup + count);
            using var subscriber = EventSubscriber.Start(brokerPort, FloorLoop.Topic, book, RfBenchFrames.NumberOf);
            var psi = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            // Optimised code from the first call and no background compiler thread, as the NativeAOT gateway: a 2-5 s
            // warm-up does not finish tiering on a loaded machine (the compiler thread took 8 % of a core in the phase).
            psi.Environment["DOTNET_TieredCompilation"] = "0";
            // The gateway's runtime settings (Reintegratie.Edge.Gateway.csproj): thread-pool workers sleep at once instead
            // of spinning (sched_yield) 70 times first, which at 1k/s cost the floor's PUBACK workers 20-30 % of a core.
            psi.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
            psi.Environment["DOTNET_TieredPGO"] = "0";
            // This same program: `dotnet X.dll` (the host needs the assembly) or its apphost (`dotnet run`, `make bench`).
            if (string.Equals(Path.GetFileNameWithoutExtension(Environment.ProcessPath), "dotnet", StringComparison.Ordinal))
            {
                psi.ArgumentList.Add(typeof(FloorLoop).Assembly.Location);
            }

            foreach (var a in new[] { FloorLoop.Argument, pty.SlavePath, brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), dir, (warmup + count).ToString(System.Globalization.CultureInfo.InvariantCulture), warmup.ToString(System.Globalization.CultureInfo.InvariantCulture), timed ? "timed" : "plain" })
            {
                psi.ArgumentList.Add(a);
            }

            using var floor = Process.Start(psi) ?? throw new InvalidOperationException("the floor process did not start");
            var errors = floor.StandardError.ReadToEndAsync();
            var ready = floor.StandardOutput.ReadLineAsync();
            if (!ready.Wait(TimeSpan.FromSeconds(60)) || ready.Result != "READY")
            {
                log.WriteLine($"[bench] floor: no READY ({ready.Status}{(ready.IsCompletedSuccessfully ? ": '" + ready.Result + "'" : string.Empty)}); {(floor.HasExited ? errors.Result : "still running")}");
                floor.Kill();
                return null;
            }

            void Send(long n)
            {
                var frame = RfBenchFrames.Sentence(n, TimeProvider.System.GetUtcNow().TimeOfDay);
                book.Sent(n);
                pty.Master.Write(frame);
            }

            Pacer.Run(rate, warmup, Send);
            var threads0 = ThreadCpu.Of(floor.Id);
            var t0 = Stopwatch.GetTimestamp();
            Pacer.Run(rate, count, i => Send(warmup + i));
            var seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var threads1 = ThreadCpu.Of(floor.Id);
            EndToEndHarness.AwaitArrivals(book, warmup, warmup + count);
            var (p50, p99, p999, lost) = book.Summarise(warmup, warmup + count);
            var last = floor.StandardOutput.ReadLineAsync();
            var report = last.Wait(TimeSpan.FromSeconds(30)) ? FloorLoop.Report.Parse(last.Result) : null;
            if (!floor.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                floor.Kill();
            }

            if (report is null)
            {
                log.WriteLine($"[bench] floor: no report; {(floor.HasExited ? errors.Result : "still running")}");
                return null;
            }

            var cpu = threads1.PercentSince(threads0, seconds);
            var floorThread = threads1.PercentOf("floor", threads0, seconds);
            var top = threads1.TopSince(threads0, seconds);
            log.WriteLine($"[bench]   floor ({(timed ? "timed" : "plain")}): p50 {p50:0.000} ms, p99 {p99:0.000} ms, p99.9 {p999:0.000} ms, lost {lost}, cpu {cpu:0.0}% ({top}); "
                + $"handled {report.Handled}, acknowledged {report.Acknowledged}, inline fsyncs {report.InlineSyncs} of {report.Syncs}, malformed {report.Malformed}; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            if (timed)
            {
                log.WriteLine($"[bench]   floor thread CPU per event, µs: pty read {report.ReadUs:0.0}, decode {report.DecodeUs:0.0}, insert {report.InsertUs:0.0}, fsync {report.FsyncUs:0.0}, format + publish {report.PublishUs:0.0}; "
                    + $"other threads (MQTTnet, PUBACK) {(cpu - floorThread) * 10_000.0 / rate:0.0}");
            }

            return (new E2ePhase(rate, count, p50, p99, p999, lost, 0), cpu, floorThread, top, report);
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }
}
