using System.Diagnostics;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// Sensor frame written on a pty -> event received by an MQTT subscriber through mosquitto on loopback, through the
/// REAL gateway process (RF detector adapter, ring, fusion, durable journal, events stage, MQTT). Measures start to
/// READY (sd_notify), latency percentiles and losses at 1k and 10k frames/s, the gateway's resident memory and CPU at
/// 1k/s, and, in the same run, a bare MQTTnet publish to the same broker as the floor.
/// </summary>
internal static class EndToEndHarness
{
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(5);

    /// <param name="quick">Shorter phases.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="executable">The gateway build to measure (JIT or NativeAOT).</param>
    /// <param name="with10k">Also the 10k/s phase and its baseline (the side run of the other build skips them).</param>
    /// <param name="seconds50k">Length of the sustained 50k/s phase after the others; 0 skips it.</param>
    /// <param name="environment">Extra environment for the gateway only (a variant), or null.</param>
    /// <param name="withFloor">Also the design's floor at 1k/s (<see cref="FloorBaseline"/>) on the same broker, after the gateway stopped.</param>
    public static E2eResult? Run(bool quick, TextWriter log, string executable, bool with10k = true, int seconds50k = 0, IReadOnlyDictionary<string, string>? environment = null, bool withFloor = false)
    {
        if (!File.Exists(executable) || !Mosquitto.IsInstalled)
        {
            log.WriteLine($"[bench] end-to-end skipped: needs {executable} and {Mosquitto.Executable}");
            return null;
        }

        var seconds = quick ? 3 : 10;
        var dir = Directory.CreateTempSubdirectory("edge-e2e-").FullName;
        try
        {
            using var broker = new Mosquitto(dir);
            using var pty = PtyPair.Open();
            using var notify = new NotifySocket(Path.Combine(dir, "notify.sock"));
            using var gateway = new GatewayProcess(dir, pty.SlavePath, broker.Port, ["drone"], executable) { Environment = environment ?? new Dictionary<string, string>() };
            var warmup = 1000L * (quick ? 2 : 5);
            var n1k = 1000L * seconds;
            var n10k = 10_000L * seconds;
            var n50k = 50_000L * seconds50k;
            var book = new LatencyBook(1_000_000 + warmup + n1k + n10k + n50k); // room for the probes
            using var subscriber = EventSubscriber.Start(broker.Port, $"pi-edge/{GatewayProcess.SiteName}/gw1/events/#", book, RfBenchFrames.NumberOf);
            long next = 0;
            void Send(long n)
            {
                var frame = RfBenchFrames.Sentence(n, TimeProvider.System.GetUtcNow().TimeOfDay);
                book.Sent(n);
                pty.Master.Write(frame);
            }

            gateway.Start(notify.Path);
            double? readyMs = SpinWait.SpinUntil(() => notify.ReadyTimestamp != 0 || gateway.HasExited, TimeSpan.FromSeconds(30)) && notify.ReadyTimestamp != 0
                ? Stopwatch.GetElapsedTime(gateway.StartTimestamp, notify.ReadyTimestamp).TotalMilliseconds
                : null;
            // CPU spent up to READY (10 ms ticks) says what the start costs without the machine's load in it, which the wall clock has.
            double? readyCpuMs = readyMs is null || gateway.HasExited ? null : gateway.CpuTicks() * 10.0;
            log.WriteLine($"[bench] gateway pid {gateway.Pid}: READY {(readyMs is { } r ? $"after {r:0} ms, {readyCpuMs:0} ms of CPU" : "not received")}");

            // The path is open when a probe frame comes back as an event (adapter has the pty, events connection is up).
            var probeStart = next;
            var open = SpinWait.SpinUntil(() =>
            {
                Send(next++);
                Thread.Sleep(100);
                return book.ReceivedIn(probeStart, next) > 0 || gateway.HasExited;
            }, TimeSpan.FromSeconds(60)) && !gateway.HasExited;
            if (!open)
            {
                log.WriteLine("[bench] end-to-end: no event came back; gateway log tail:\n  " + string.Join("\n  ", gateway.LogTail(20)));
                return null;
            }

            log.WriteLine($"[bench] end-to-end warm-up: {warmup:N0} frames at 1k/s");
            var warmStart = next;
            Pacer.Run(1000, warmup, i => Send(warmStart + i));
            next += warmup;

            log.WriteLine($"[bench] end-to-end: {n1k:N0} frames at 1,000/s");
            var threads0 = ThreadCpu.Of(gateway.Pid);
            var (at1k, rss, cpu, seconds1k) = Measure(book, gateway, ref next, 1000, n1k, Send, sample: true, log);
            var threads1k = ThreadCpu.Of(gateway.Pid).TopSince(threads0, seconds1k, count: 10);
            var split = gateway.ResidentSplitMb();
            log.WriteLine($"[bench]   p50 {at1k.P50:0.000} ms, p99 {at1k.P99:0.000} ms, p99.9 {at1k.P999:0.000} ms, lost {at1k.Lost}, rss {rss:0.0} MB (at the end: {split.AnonMb:0.0} anonymous, {split.FileMb:0.0} file-backed), cpu {cpu:0.0}%, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            log.WriteLine($"[bench]   gateway threads at 1k/s, % of one core (the drain after the phase included): {threads1k}");
            log.WriteLine($"[bench]   subscriber connected {subscriber.IsConnected}, total {subscriber.Total}, last {subscriber.Last}, next {next}, foreign {book.Foreign}, duplicates {book.Duplicates}");

            E2ePhase? at10k = null;
            if (with10k)
            {
                log.WriteLine($"[bench] end-to-end: {n10k:N0} frames at 10,000/s");
                var (phase, _, _, _) = Measure(book, gateway, ref next, 10_000, n10k, Send, sample: false, log);
                at10k = phase;
                log.WriteLine($"[bench]   p50 {phase.P50:0.000} ms, p99 {phase.P99:0.000} ms, p99.9 {phase.P999:0.000} ms, lost {phase.Lost}, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            }

            var flood = n50k > 0 ? MeasureFlood(book, gateway, broker, ref next, n50k, Send, log) : default;

            gateway.Terminate(TimeSpan.FromSeconds(25));
            var journalRows = JournalEventRows(gateway.JournalPath);
            log.WriteLine($"[bench] journal: {journalRows:N0} drone event rows for {next:N0} frames written (probes and warm-up included)");
            if (at1k.Lost + (at10k?.Lost ?? 0) + (flood.Phase?.Lost ?? 0) > 0 || journalRows != next || gateway.HasExited)
            {
                log.WriteLine("[bench] gateway log tail:\n  " + string.Join("\n  ", gateway.LogTail(30)));
            }

            var at50k = flood.Phase is { } f
                ? new E2eFlood(f, flood.SentPerSecond, flood.ReceivedPerSecond, next, journalRows, flood.Gateway, flood.Broker, flood.Harness, flood.Threads,
                    gateway.LogTail(200).LastOrDefault(l => l.Contains("Events not delivered", StringComparison.Ordinal)),
                    gateway.LogTail(200).LastOrDefault(l => l.Contains("Ring full", StringComparison.Ordinal)))
                {
                    GatewayWaitLine = gateway.LogTail(200).LastOrDefault(l => l.Contains("Events queue full", StringComparison.Ordinal)),
                }
                : null;

            if (at50k is not null)
            {
                // The same rate without the gateway, same broker, right after: what MQTTnet and mosquitto alone reach here.
                var nBare = Math.Min(n50k, 500_000L); // 10 s at most: a rate, not an endurance run
                log.WriteLine($"[bench] baseline: bare MQTTnet QoS 1 publish -> mosquitto -> subscriber, {nBare:N0} messages at 50,000/s");
                var bare = BareMqttBaseline.RunFlood(broker.Port, broker.Pid, 50_000, nBare, s_grace);
                log.WriteLine($"[bench]   written at {bare.SentPerSecond:N0}/s, received at {bare.ReceivedPerSecond:N0}/s, lost {bare.Lost:N0}, p50 {bare.P50:0.000} p99 {bare.P99:0.000} ms; "
                    + $"CPU per message: harness (publisher + subscriber) {bare.HarnessUsPerMessage:0.0} µs, mosquitto {bare.BrokerUsPerMessage:0.0} µs; % of one core: harness {bare.HarnessCpuPercent:0}, mosquitto {bare.BrokerCpuPercent:0}; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
                at50k = at50k with { Bare = bare };
            }

            log.WriteLine("[bench] baseline: bare MQTTnet QoS 1 publish -> mosquitto -> subscriber");
            var b1 = BareMqttBaseline.Run(broker.Port, 1000, n1k, s_grace);
            log.WriteLine($"[bench]   1k/s p50 {b1.P50:0.000} p99 {b1.P99:0.000} ms");
            FloorBaseline.Result? floor = null;
            if (withFloor)
            {
                log.WriteLine($"[bench] floor: one thread reads the pty, decodes, journals (insert + fsync) and publishes QoS 1 (MQTTnet), {warmup:N0} warm-up + {n1k:N0} frames at 1,000/s; a plain run, then a timed one");
                floor = FloorBaseline.Run(broker.Port, 1000, warmup, n1k, s_grace, log);
            }

            E2ePhase? baseline10k = null;
            if (with10k)
            {
                var b10 = BareMqttBaseline.Run(broker.Port, 10_000, n10k, s_grace);
                log.WriteLine($"[bench]   10k/s p50 {b10.P50:0.000} p99 {b10.P99:0.000} ms");
                baseline10k = new E2ePhase(10_000, n10k, b10.P50, b10.P99, b10.P999, b10.Lost, 0);
            }

            return new E2eResult(readyMs, at1k, at10k, rss, cpu, new E2ePhase(1000, n1k, b1.P50, b1.P99, b1.P999, b1.Lost, 0), baseline10k)
            {
                RssSplitAt1k = split,
                ReadyCpuMs = readyCpuMs,
                At50k = at50k,
                Floor = floor,
            };
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

    private static long JournalEventRows(string path)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM journal WHERE type = 'event' AND kind = 'drone';";
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>
    /// The sustained 50k/s phase: every frame counted at the subscriber (and, after the run, in the journal), the rate
    /// actually written and read, and the CPU of gateway (by thread), broker and harness over the phase.
    /// </summary>
    private static (E2ePhase? Phase, double SentPerSecond, double ReceivedPerSecond, double Gateway, double Broker, double Harness, string Threads) MeasureFlood(
        LatencyBook book, GatewayProcess gateway, Mosquitto broker, ref long next, long count, Action<long> send, TextWriter log)
    {
        log.WriteLine($"[bench] end-to-end: {count:N0} frames at 50,000/s ({count / 50_000} s sustained); every frame counted at the subscriber and in the journal");
        var gw0 = ThreadCpu.Of(gateway.Pid);
        var mq0 = ThreadCpu.Of(broker.Pid);
        var me0 = ThreadCpu.Of(Environment.ProcessId);
        var (phase, _, _, sendSeconds) = Measure(book, gateway, ref next, 50_000, count, send, sample: false, log);
        var seconds = Math.Max(sendSeconds, 1e-3);
        var gw = ThreadCpu.Of(gateway.Pid);
        var gwPercent = gw.PercentSince(gw0, seconds);
        var mqPercent = ThreadCpu.Of(broker.Pid).PercentSince(mq0, seconds);
        var mePercent = ThreadCpu.Of(Environment.ProcessId).PercentSince(me0, seconds);
        var threads = gw.TopSince(gw0, seconds);
        var received = phase.Sent - phase.Lost;
        log.WriteLine($"[bench]   p50 {phase.P50:0.000} ms, p99 {phase.P99:0.000} ms, p99.9 {phase.P999:0.000} ms, lost {phase.Lost:N0} of {phase.Sent:N0}; written at {count / seconds:N0}/s over {seconds:0.0} s");
        log.WriteLine($"[bench]   CPU over the phase, % of one core: gateway {gwPercent:0}, mosquitto {mqPercent:0}, harness {mePercent:0} (2 cores = 200); gateway threads: {threads}");
        log.WriteLine($"[bench]   CPU per frame written: gateway {gwPercent * seconds * 10_000.0 / count:0.0} µs, mosquitto {mqPercent * seconds * 10_000.0 / count:0.0} µs; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return (phase, count / seconds, received / seconds, gwPercent, mqPercent, mePercent, threads);
    }

    private static (E2ePhase Phase, double RssMb, double CpuPercent, double SendSeconds) Measure(
        LatencyBook book, GatewayProcess gateway, ref long next, int rate, long count, Action<long> send, bool sample, TextWriter log)
    {
        var from = next;
        var duplicatesBefore = book.Duplicates;
        var rss = 0.0;
        var ticks0 = gateway.CpuTicks();
        var t0 = Stopwatch.GetTimestamp();
        var lastSample = t0;
        var lastProgress = t0;
        Pacer.Run(rate, count, i =>
        {
            send(from + i);
            if (sample && Stopwatch.GetElapsedTime(lastSample).TotalSeconds >= 1)
            {
                lastSample = Stopwatch.GetTimestamp();
                rss = Math.Max(rss, gateway.ResidentMb());
            }

            if (Stopwatch.GetElapsedTime(lastProgress).TotalSeconds >= 10)
            {
                lastProgress = Stopwatch.GetTimestamp();
                log.WriteLine($"[bench]   ... {i + 1:N0} of {count:N0} written");
            }
        });
        var ticks1 = gateway.CpuTicks();
        var elapsed = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        next = from + count;
        var to = next;
        AwaitArrivals(book, from, to);
        var (p50, p99, p999, lost) = book.Summarise(from, to);
        if (sample)
        {
            rss = Math.Max(rss, gateway.ResidentMb());
        }

        var cpu = (ticks1 - ticks0) / 100.0 / elapsed * 100.0; // USER_HZ = 100 ticks per second
        return (new E2ePhase(rate, count, p50, p99, p999, lost, book.Duplicates - duplicatesBefore), rss, cpu, elapsed);
    }

    /// <summary>Waits until every frame of [from, to) arrived, or until none arrived for the grace period (a backlog still draining is waited for).</summary>
    internal static void AwaitArrivals(LatencyBook book, long from, long to)
    {
        var count = to - from;
        var seen = book.ReceivedIn(from, to);
        var lastMove = Stopwatch.GetTimestamp();
        while (seen < count && Stopwatch.GetElapsedTime(lastMove) < s_grace)
        {
            Thread.Sleep(100);
            var now = book.ReceivedIn(from, to);
            if (now != seen)
            {
                seen = now;
                lastMove = Stopwatch.GetTimestamp();
            }
        }
    }
}
