using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>A real mosquitto with persistence on a free loopback port; stopped (SIGTERM, state saved) and restarted on the same port.</summary>
internal sealed class RobustnessBroker : IRigBroker, IDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";

    private readonly string _directory;
    private readonly bool _saveEveryChange;
    private Process? _process;

    /// <param name="directory">Config and persistence directory.</param>
    /// <param name="saveEveryChange">autosave_on_changes with an interval of 1: the database (sessions, queued
    /// messages) is written after every change, so a SIGKILL loses at most what was in flight.</param>
    public RobustnessBroker(string directory, bool saveEveryChange = false)
    {
        _directory = directory;
        _saveEveryChange = saveEveryChange;
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        Port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        Start();
    }

    public string Name => "mosquitto";

    public int Port { get; }

    public void Start()
    {
        var config = Path.Combine(_directory, "mosquitto.conf");
        File.WriteAllText(config, string.Join('\n',
            $"user {Environment.UserName}",
            $"listener {Port} 127.0.0.1",
            "allow_anonymous true",
            "persistence true",
            $"persistence_location {_directory}/",
            "max_queued_messages 100000",
            _saveEveryChange ? "autosave_on_changes true\nautosave_interval 1" : "autosave_interval 1800",
            string.Empty));
        _process = Process.Start(new ProcessStartInfo(Executable, ["-c", config]) { UseShellExecute = false, RedirectStandardError = true })
            ?? throw new InvalidOperationException("mosquitto did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        var listening = SpinWait.SpinUntil(() =>
        {
            try
            {
                using var c = new TcpClient();
                c.Connect(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
                return false;
            }
        }, TimeSpan.FromSeconds(20));
        Assert.True(listening, $"mosquitto did not listen on {Port}");
    }

    /// <summary>SIGTERM: mosquitto writes its persistence file (sessions, queued messages) and exits.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill?.WaitForExit();
            }

            if (!_process.WaitForExit(20_000))
            {
                _process.Kill();
            }
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>SIGKILL: mosquitto dies at once; only what it had saved survives.</summary>
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

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
    }
}
