using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Reintegratie.Edge.Mqtt.Tests.Support;

/// <summary>
/// A real mosquitto (/usr/sbin/mosquitto) on a free loopback port with a generated config, for tests. Reusable: copy
/// this folder (Support/) or reference the test project. <see cref="StopAsync"/> ends it with SIGTERM (persistence is
/// saved), <see cref="StartAsync"/> brings it back on the same port, <see cref="DisposeAsync"/> kills it and deletes the
/// work directory.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";

    private readonly string _extraConfig;
    private Process? _process;

    private MosquittoBroker(string directory, int port, string extraConfig)
    {
        Directory = directory;
        Port = port;
        _extraConfig = extraConfig;
    }

    public int Port { get; }

    public string Directory { get; }

    public string LogPath => Path.Combine(Directory, "mosquitto.log");

    /// <summary>
    /// Starts mosquitto. <paramref name="listenerConfig"/> is added under the listener line (TLS, ACL ...); without it the
    /// listener is plaintext with anonymous access. Persistence is on, queues are large.
    /// </summary>
    public static async Task<MosquittoBroker> StartNewAsync(string? listenerConfig = null, string? directory = null)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"mosquitto is not installed ({Executable} is missing). `make test` installs it (apt-get install mosquitto); these tests need a real broker.");
        }

        directory ??= System.IO.Directory.CreateTempSubdirectory("edge-mosquitto-").FullName;
        var broker = new MosquittoBroker(directory, FreePort.Next(), listenerConfig ?? "allow_anonymous true");
        await broker.StartAsync();
        return broker;
    }

    public async Task StartAsync()
    {
        var config = new StringBuilder()
            .AppendLine($"user {Environment.UserName}")
            .AppendLine("per_listener_settings false")
            .AppendLine("persistence true")
            .AppendLine($"persistence_location {Directory}/")
            .AppendLine("max_queued_messages 1000000")
            .AppendLine("max_inflight_messages 0")
            .AppendLine($"log_dest file {LogPath}")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice")
            .AppendLine("log_type information")
            .AppendLine($"listener {Port} 127.0.0.1")
            .AppendLine(_extraConfig)
            .ToString();
        var configPath = Path.Combine(Directory, "mosquitto.conf");
        await File.WriteAllTextAsync(configPath, config);
        var psi = new ProcessStartInfo(Executable, ["-c", configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException("mosquitto did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await CanConnectAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = File.Exists(LogPath) ? await File.ReadAllTextAsync(LogPath) : "(no log)";
                throw new InvalidOperationException($"mosquitto did not listen on {Port}: exit {(_process.HasExited ? _process.ExitCode : -1)}\n{log}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>SIGTERM and wait: mosquitto saves its persistence database and closes every connection.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        _process = null;
    }

    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private async Task<bool> CanConnectAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
