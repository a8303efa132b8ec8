using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// The real gateway executable with a generated configuration: one site, one zone, one RF detector on a pty, an
/// external broker, events on MQTT, a durable journal in a temp directory. Started with NOTIFY_SOCKET so READY=1 can be
/// timed (Microsoft.Extensions.Hosting.Systemd sends it only when the parent process is systemd; the gateway's own
/// ready hook sends it otherwise).
/// </summary>
internal sealed class GatewayProcess : IDisposable
{
    public const string SiteName = "bench";
    public const string SensorId = "rf-1";

    private readonly ConcurrentQueue<string> _log = new();
    private readonly string _executable;
    private Process? _process;

    public GatewayProcess(string directory, string ptyPath, int brokerPort, IReadOnlyList<string>? eventKinds = null, string? executable = null)
    {
        Directory = directory;
        _executable = executable ?? Executable;
        ConfigPath = System.IO.Path.Combine(directory, "gateway.json");
        JournalPath = System.IO.Path.Combine(directory, "journal.db");
        var config = new JsonObject
        {
            ["Site"] = new JsonObject
            {
                ["Name"] = SiteName,
                ["Zones"] = new JsonArray(new JsonObject { ["Id"] = "Z1", ["Name"] = "Noordhek" }),
                ["Sectors"] = new JsonArray(new JsonObject { ["Sensor"] = SensorId, ["FromDeg"] = 0, ["ToDeg"] = 360, ["Zone"] = "Z1" }),
                ["Sensors"] = new JsonArray(new JsonObject
                {
                    ["Id"] = SensorId, ["Family"] = "RfDetector", ["Zone"] = "Z1", ["Port"] = ptyPath, ["ReportingSeconds"] = 60,
                }),
            },
            ["Mqtt"] = new JsonObject
            {
                ["Host"] = "127.0.0.1",
                ["Port"] = brokerPort,
                ["AllowInsecure"] = true,
                ["Site"] = SiteName,
                ["Gateway"] = "gw1",
                ["Events"] = new JsonObject
                {
                    ["Enabled"] = eventKinds is not null,
                    ["Kinds"] = new JsonArray([.. (eventKinds ?? []).Select(k => (JsonNode)k)]), // queue and WhenFull: the defaults
                },
            },
            ["Journal"] = new JsonObject { ["Path"] = JournalPath },
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = System.Environment.GetEnvironmentVariable("EDGE_BENCH_GATEWAY_LOG") ?? "Warning" } },
        };
        File.WriteAllText(ConfigPath, config.ToJsonString());
    }

    /// <summary>The JIT build (<c>make build</c>).</summary>
    public static string Executable { get; } = System.IO.Path.Combine(RepoRoot(), "src", "Reintegratie.Edge.Gateway", "bin", "Release", "net10.0", "reintegratie-edge");

    /// <summary>The NativeAOT linux-x64 build (<c>make publish PUBLISH_RIDS=linux-x64</c>, or <c>EDGE_AOT_GATEWAY</c>).</summary>
    public static string AotExecutable { get; } = System.Environment.GetEnvironmentVariable("EDGE_AOT_GATEWAY") is { Length: > 0 } aot
        ? aot
        : System.IO.Path.Combine(RepoRoot(), "artifacts", "publish", "linux-x64", "reintegratie-edge");

    /// <summary>
    /// Whether <paramref name="executable"/> is a NativeAOT build: a JIT apphost always has its
    /// <c>NAME.runtimeconfig.json</c> beside it (the host reads it to start the runtime); a NativeAOT binary never does.
    /// </summary>
    public static bool IsNativeAot(string executable) => File.Exists(executable) && !File.Exists(executable + ".runtimeconfig.json");

    public string Directory { get; }

    public string ConfigPath { get; }

    public string JournalPath { get; }

    public int Pid => _process?.Id ?? throw new InvalidOperationException("not started");

    /// <summary>Stopwatch timestamp just before the process was started.</summary>
    public long StartTimestamp { get; private set; }

    public bool HasExited => _process?.HasExited ?? true;

    public IEnumerable<string> LogTail(int lines) => _log.TakeLast(lines);

    /// <summary>Extra environment for the gateway process only (a variant: a GC setting, a configuration override).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public void Start(string? notifySocket)
    {
        var psi = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory,
        };
        psi.ArgumentList.Add("--config");
        psi.ArgumentList.Add(ConfigPath);
        psi.ArgumentList.Add("--state-dir");
        psi.ArgumentList.Add(Directory);
        if (notifySocket is not null)
        {
            psi.Environment["NOTIFY_SOCKET"] = notifySocket;
        }

        foreach (var (key, value) in Environment)
        {
            psi.Environment[key] = value;
        }

        StartTimestamp = Stopwatch.GetTimestamp();
        _process = Process.Start(psi) ?? throw new InvalidOperationException("the gateway did not start");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Resident set size in MB (VmRSS of /proc/PID/status).</summary>
    public double ResidentMb()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kb / 1024.0;
    }

    /// <summary>VmRSS split (RssAnon and RssFile + RssShmem of /proc/PID/status) in MB.</summary>
    public (double AnonMb, double FileMb) ResidentSplitMb()
    {
        double Kb(string key)
        {
            var line = File.ReadLines($"/proc/{Pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }

        return (Kb("RssAnon:") / 1024.0, (Kb("RssFile:") + Kb("RssShmem:")) / 1024.0);
    }

    /// <summary>utime + stime in clock ticks (fields 14 and 15 of /proc/PID/stat; USER_HZ is 100 on Linux).</summary>
    public long CpuTicks()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // fields 14, 15 counted from pid
    }

    public void Terminate(TimeSpan timeout)
    {
        if (_process is { HasExited: false })
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                kill?.WaitForExit();
            }

            if (!_process.WaitForExit(timeout))
            {
                _process.Kill();
            }

            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Reintegratie.Edge.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Reintegratie.Edge.sln not found above " + AppContext.BaseDirectory);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 200 && _log.TryDequeue(out _))
        {
        }
    }
}
