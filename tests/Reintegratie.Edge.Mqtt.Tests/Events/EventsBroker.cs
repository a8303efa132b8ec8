using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reintegratie.Edge.Mqtt.Tests.Events;

/// <summary>A real mosquitto on a free loopback port (generated config), stoppable and restartable on the same port.</summary>
internal sealed class EventsBroker : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-events-broker-").FullName;
    private Process? _process;

    public EventsBroker()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        Port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        Start();
    }

    public int Port { get; }

    public void Start()
    {
        var config = Path.Combine(_directory, "mosquitto.conf");
        File.WriteAllText(config, $"user {Environment.UserName}\nlistener {Port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 100000\n");
        _process = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", config]) { UseShellExecute = false, RedirectStandardError = true })
            ?? throw new InvalidOperationException("mosquitto did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        if (!SpinWait.SpinUntil(CanConnect, TimeSpan.FromSeconds(20)))
        {
            throw new InvalidOperationException($"mosquitto did not listen on {Port}");
        }
    }

    public void Stop()
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
        Stop();
        Directory.Delete(_directory, recursive: true);
    }

    private bool CanConnect()
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
    }
}
