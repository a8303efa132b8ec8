using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// The spoofing flood target: the REAL gateway process reads a Remote ID receiver on a pty (line format) and prints
/// alert lifecycle messages from mosquitto (<c>--print-alerts</c>). A real drone appears again and again (a new UAS id
/// each trial, its own MAC); latency = first RID line written -> its <c>drone_incursion</c> "new" read from the gateway.
/// Baseline: the same trials with a quiet air. Flood: the same, beside 1,000 forged UAS ids per second from one
/// transmitter over the same zone (each flagged <c>spoof_suspected</c>, none dropped). With <c>randomMacs</c> every
/// forged id comes from a new random MAC (nothing to fold per MAC: the receiver's new-track budget must bound it), and a
/// real drone beacons every 100 ms (a Wi-Fi Beacon's interval) until its alert arrives, in both phases: latency is still
/// from its FIRST frame. With <c>rssiApart</c> the forger is a fixed transmitter heard at -64..-56 dBm (multipath
/// jitter) and the real drone at -78 dBm; without, both at -60 dBm (an adversary who matches the drone's signal).
/// Forged and real positions are both over the yard. For profiling, each flood trial is logged with its latency, frames
/// and the load average, and the flood writer reports its longest blocked write (the gateway not reading the pty) and
/// its largest lag behind schedule (the harness itself starved of CPU).
/// </summary>
internal static class SpoofFloodHarness
{
    private const string Mac = "02:66:66:66:66:66";

    private static readonly TimeSpan s_beaconInterval = TimeSpan.FromMilliseconds(100);

    private const float RealRssiApart = -78;

    public static (double QuietP50, double FloodP50, double QuietMax, double FloodMax, long FakesSent, int Trials, int FloodSpoofAlerts, double RssQuietMb, double RssFloodMb, double FloodFramesMean, string Load)? Run(bool quick, TextWriter log, bool randomMacs = false, bool rssiApart = false)
    {
        if (!File.Exists(GatewayProcess.Executable) || !Mosquitto.IsInstalled)
        {
            log.WriteLine($"[bench] spoof flood skipped: needs {GatewayProcess.Executable} and {Mosquitto.Executable}");
            return null;
        }

        var trials = quick ? 5 : 15;
        var dir = Directory.CreateTempSubdirectory("edge-spoof-").FullName;
        try
        {
            using var broker = new Mosquitto(dir);
            using var pty = PtyPair.Open();
            var config = Path.Combine(dir, "gateway.json");
            File.WriteAllText(config, Config(pty.SlavePath, broker.Port, Path.Combine(dir, "journal.db")).ToJsonString());
            var alerts = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
            var spoofAlerts = 0;
            var spoofIds = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using var gateway = Process.Start(new ProcessStartInfo(GatewayProcess.Executable, ["--config", config, "--state-dir", dir, "--print-alerts"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            gateway.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line && line.Contains("\"type\":\"new\"", StringComparison.Ordinal) && line.Contains("drone_incursion", StringComparison.Ordinal))
                {
                    var at = Stopwatch.GetTimestamp();
                    var uas = JsonNode.Parse(line)!["after"]!["drone"]!["uas_id"]!.GetValue<string>();
                    alerts.TryAdd(uas, at);
                    if (line.Contains("\"spoof_suspected\":true", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref spoofAlerts);
                        spoofIds.Enqueue(uas);
                    }
                }
            };
            gateway.ErrorDataReceived += (_, _) => { };
            gateway.BeginOutputReadLine();
            gateway.BeginErrorReadLine();
            var writeLock = new object();
            void Write(string line)
            {
                var bytes = Encoding.ASCII.GetBytes(line + "\n");
                lock (writeLock)
                {
                    pty.Master.Write(bytes);
                }
            }

            // Warm-up: the path is open once a probe drone's alert comes back.
            var probe = 0;
            if (!SpinWait.SpinUntil(() => { Write(Line($"PROBE-{probe++}", "02:00:00:00:00:01", 0, -60)); Thread.Sleep(200); return !alerts.IsEmpty || gateway.HasExited; }, TimeSpan.FromSeconds(60)) || gateway.HasExited)
            {
                log.WriteLine("[bench] spoof flood: no alert came back from the gateway");
                return null;
            }

            var realRssi = rssiApart ? RealRssiApart : -60;
            var loadBefore = LoadAverage();
            var quiet = Trials("QUIET", trials, Write, alerts, log, randomMacs, realRssi, out _);
            var rssQuietMb = ResidentMb(gateway.Id);
            var sent = 0L;
            var longestWrite = 0.0;
            var largestLag = 0L;
            using var stop = new CancellationTokenSource();
            var flood = new Thread(() =>
            {
                // 1,000 forged ids per second from one transmitter: a pack (Basic ID + Location) per id, paced per ms.
                var start = Stopwatch.GetTimestamp();
                while (!stop.IsCancellationRequested)
                {
                    var due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * 1000);
                    largestLag = Math.Max(largestLag, due - sent);
                    for (; sent < due; sent++)
                    {
                        var before = Stopwatch.GetTimestamp();
                        Write(Line($"FAKE-{sent}", randomMacs ? RandomMac(sent) : Mac, sent, rssiApart ? -60 + ((sent % 9) - 4) : -60));
                        longestWrite = Math.Max(longestWrite, Stopwatch.GetElapsedTime(before).TotalMilliseconds);
                    }

                    Thread.Sleep(1);
                }
            }) { IsBackground = true };
            flood.Start();
            // The flood is in full swing before the first real drone; the longer run shows whether memory stays bounded.
            Thread.Sleep(quick ? 2_000 : 30_000);
            var flooded = Trials("REAL", trials, Write, alerts, log, randomMacs, realRssi, out var framesMean);
            stop.Cancel();
            flood.Join();
            var load = $"{loadBefore} before, {LoadAverage()} after";
            log.WriteLine($"[bench]   flood writer: longest blocked write {longestWrite:0.0} ms (the gateway not reading), largest lag behind schedule {largestLag} ids (the harness starved); load average {load}");
            var rssMb = ResidentMb(gateway.Id);
            gateway.Kill(entireProcessTree: true);
            gateway.WaitForExit();
            log.WriteLine($"[bench]   flood ({(randomMacs ? "a new random MAC per forged id" : "one MAC")}): {sent:N0} forged packs sent, {spoofAlerts} spoof_suspected alerts received ({string.Join(", ", spoofIds.Take(20))}), gateway VmRSS {rssQuietMb:0} MB before the flood, {rssMb:0} MB at the end");
            if (quiet.Length == 0)
            {
                return null;
            }

            // A starved real drone has no latency: its ratio is not invented (NaN), the row says what happened.
            return (Percentile(quiet, 0.5), flooded.Length == trials ? Percentile(flooded, 0.5) : double.NaN, quiet.Max(),
                flooded.DefaultIfEmpty(double.NaN).Max(), sent, trials, spoofAlerts, rssQuietMb, rssMb, framesMean, load);
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

    private static double[] Trials(string prefix, int trials, Action<string> write, System.Collections.Concurrent.ConcurrentDictionary<string, long> alerts, TextWriter log, bool beacon, float rssi, out double framesMean)
    {
        var latencies = new List<double>();
        var frames = 0L;
        for (var i = 0; i < trials; i++)
        {
            var uas = $"{prefix}-{i}";
            var mac = string.Create(CultureInfo.InvariantCulture, $"02:4F:00:00:00:{i:X2}");
            var sentAt = Stopwatch.GetTimestamp();
            write(Line(uas, mac, i, rssi));
            frames++;
            var nextBeacon = sentAt + (long)(s_beaconInterval.TotalSeconds * Stopwatch.Frequency);
            bool Arrived()
            {
                if (alerts.ContainsKey(uas))
                {
                    return true;
                }

                if (beacon && Stopwatch.GetTimestamp() >= nextBeacon)
                {
                    // A real drone keeps beaconing its id until (and after) the gateway alerts.
                    write(Line(uas, mac, i, rssi));
                    frames++;
                    nextBeacon += (long)(s_beaconInterval.TotalSeconds * Stopwatch.Frequency);
                }

                return false;
            }

            var framesBefore = frames;
            if (SpinWait.SpinUntil(Arrived, TimeSpan.FromSeconds(30)))
            {
                latencies.Add(Stopwatch.GetElapsedTime(sentAt, alerts[uas]).TotalMilliseconds);
                log.WriteLine($"[bench]     {uas}: {latencies[^1]:0.0} ms, {frames - framesBefore + 1} frames, load {LoadAverage()}");
            }
            else
            {
                log.WriteLine($"[bench] spoof flood: no alert for {uas} within 30 s");
                break; // starved: the next trials would only repeat it
            }

            Thread.Sleep(300);
        }

        framesMean = latencies.Count == 0 ? double.NaN : frames / (double)latencies.Count;
        log.WriteLine($"[bench]   {prefix}: {latencies.Count} alerts, p50 {Percentile([.. latencies], 0.5):0.000} ms, max {latencies.DefaultIfEmpty(0).Max():0.000} ms, {framesMean:0.0} frames per drone until its alert");
        return [.. latencies];
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string Line(string uasId, string mac, long n, float rssi)
    {
        Span<byte> messages = stackalloc byte[2 * OdidFrame.MessageSize];
        var basic = new BasicIdMessage { ProtocolVersion = 2, IdType = 1, UaType = 2 };
        basic.UasId.Set(uasId);
        OdidEncoder.Encode(basic, messages);
        var loc = new LocationMessage
        {
            ProtocolVersion = 2, Status = 2, Latitude = 51.6636 + ((n % 100) * 1e-5), Longitude = 5.2904, DirectionDeg = 90, SpeedHorizontalMps = 3,
            SpeedVerticalMps = 0, AltitudeBaroM = float.NaN, AltitudeGeoM = 60, HeightM = 40, TimestampSAfterHour = float.NaN,
        };
        OdidEncoder.Encode(loc, messages[OdidFrame.MessageSize..]);
        Span<byte> pack = stackalloc byte[OdidFrame.MaxFrameSize];
        var length = OdidEncoder.EncodePack(messages, pack);
        return string.Create(CultureInfo.InvariantCulture, $"RID,WIFI_BEACON,{rssi:0},{mac},{Convert.ToHexString(pack[..length])}");
    }

    private static string RandomMac(long n)
    {
        // Locally administered (0x02), the rest from a multiplicative hash of n: a different address for every id.
        var bits = ((ulong)n * 0x9E3779B97F4A7C15UL) >> 24;
        return string.Create(CultureInfo.InvariantCulture, $"02:{(bits >> 32) & 0xFF:X2}:{(bits >> 24) & 0xFF:X2}:{(bits >> 16) & 0xFF:X2}:{(bits >> 8) & 0xFF:X2}:{bits & 0xFF:X2}");
    }

    private static JsonObject Config(string pty, int brokerPort, string journal) => new()
    {
        ["Site"] = new JsonObject
        {
            ["Name"] = "bench",
            ["Zones"] = new JsonArray(new JsonObject
            {
                ["Id"] = "Y1", ["Name"] = "Luchtplaats", ["Kind"] = "yard",
                ["Polygon"] = new JsonArray(Point(51.66, 5.28), Point(51.67, 5.28), Point(51.67, 5.30), Point(51.66, 5.30)),
            }),
            ["Sensors"] = new JsonArray(new JsonObject { ["Id"] = "rid-1", ["Family"] = "RemoteId", ["Zone"] = "Y1", ["Port"] = pty, ["ReportingSeconds"] = 0 }),
        },
        ["Mqtt"] = new JsonObject { ["Host"] = "127.0.0.1", ["Port"] = brokerPort, ["AllowInsecure"] = true, ["Site"] = "bench", ["Gateway"] = "gw1" },
        ["Journal"] = new JsonObject { ["Path"] = journal },
        ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
    };

    private static double ResidentMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static JsonObject Point(double lat, double lon) => new() { ["Lat"] = lat, ["Lon"] = lon };

    private static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
    }
}
