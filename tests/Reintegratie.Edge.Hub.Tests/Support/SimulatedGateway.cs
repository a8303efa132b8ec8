using System.Globalization;
using Reintegratie.Edge.IntegrationTests.Infrastructure;

namespace Reintegratie.Edge.Hub.Tests.Support;

/// <summary>
/// The real gateway process running the default scenario (<c>--simulate default</c>) against RabbitMQ's MQTT plugin
/// (3.1.1), with its own site name, prefix and state directory; optional further broker nodes as Mqtt:FailoverHosts.
/// </summary>
public sealed class SimulatedGateway : IDisposable
{
    private ChildProcess _process;
    private readonly List<string> _args;

    public SimulatedGateway(string prefix, string site, IReadOnlyList<int> mqttPorts, params string[] extra)
    {
        Site = site;
        StateDirectory = Directory.CreateTempSubdirectory("edge-hub-gw-").FullName;
        _args =
        [
            "--simulate", "default", "--state-dir", StateDirectory,
            "--Mqtt:Host=127.0.0.1", string.Create(CultureInfo.InvariantCulture, $"--Mqtt:Port={mqttPorts[0]}"), "--Mqtt:AllowInsecure=true",
            "--Mqtt:ProtocolVersion=3.1.1", $"--Mqtt:Prefix={prefix}", $"--Mqtt:Site={site}", "--Mqtt:JournalHeadIntervalSeconds=2",
            .. mqttPorts.Skip(1).Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"--Mqtt:FailoverHosts:{i}=127.0.0.1:{p}")),
            .. extra,
        ];
        _process = ChildProcess.Start(RepoPaths.Gateway, _args);
    }

    public string Site { get; }

    public string StateDirectory { get; }

    public string Journal => Path.Combine(StateDirectory, "journal.db");

    public ChildProcess Process => _process;

    /// <summary>SIGTERM and wait (the gateway drains its outbox and publishes its last head).</summary>
    public void Stop()
    {
        _process.Signal(15);
        _process.WaitForExit(TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts the gateway again on the same state directory.</summary>
    public void Restart()
    {
        _process.Dispose();
        _process = ChildProcess.Start(RepoPaths.Gateway, _args);
    }

    /// <summary><c>edgectl log export --format jsonl</c> of the gateway's journal.</summary>
    public IReadOnlyList<string> Export()
    {
        var (code, stdout, stderr) = ChildProcess.Run(RepoPaths.Edgectl, ["log", "export", "--db", Journal, "--format", "jsonl"], TimeSpan.FromSeconds(120));
        return code == 0 ? stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries) : throw new InvalidOperationException($"edgectl log export failed ({code}): {stderr}");
    }

    public string Output => string.Join('\n', _process.Stderr.TakeLast(30));

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
