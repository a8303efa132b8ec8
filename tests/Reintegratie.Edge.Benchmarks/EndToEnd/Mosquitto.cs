using System.Diagnostics;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>A real mosquitto (/usr/sbin/mosquitto) on a free loopback port with a generated config; restartable on the same port.</summary>
internal sealed class Mosquitto : IDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";

    private readonly string _directory;
    private Process? _process;

    public Mosquitto(string directory)
    {
        _directory = directory;
        Port = Loopback.FreePort();
        Start();
    }

    public int Port { get; }

    /// <summary>The broker's process id (for its CPU in a phase).</summary>
    public int Pid => _process?.Id ?? throw new InvalidOperationException("not running");

    public static bool IsInstalled => File.Exists(Executable);

    public void Start()
    {
        var config = Path.Combine(_directory, "mosquitto.conf");
        File.WriteAllText(config, string.Join('\n',
            $"user {Environment.UserName}",
            $"listener {Port} 127.0.0.1",
            "allow_anonymous true",
            "persistence true",
            $"persistence_location {_directory}/",
            "max_queued_messages 1000000",
            "max_inflight_messages 0",
            "set_tcp_nodelay true",
            $"log_dest file {Path.Combine(_directory, "mosquitto.log")}",
            "log_type error",
            "log_type warning",
            string.Empty));
        _process = Process.Start(new ProcessStartInfo(Executable, ["-c", config]) { UseShellExecute = false, RedirectStandardError = true })
            ?? throw new InvalidOperationException("mosquitto did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        if (!Loopback.WaitListening(Port, TimeSpan.FromSeconds(20)))
        {
            throw new InvalidOperationException($"mosquitto did not listen on 127.0.0.1:{Port}");
        }
    }

    /// <summary>SIGKILL (no goodbye to the clients, as when the broker host dies).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();
}
