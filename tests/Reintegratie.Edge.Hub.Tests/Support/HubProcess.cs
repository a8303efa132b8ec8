using System.Globalization;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Hub.Tests.Support;

/// <summary>The real <c>reintegratie-hub</c> process against a test database and broker, with its own prefix and queues.</summary>
public sealed class HubProcess : IDisposable
{
    private readonly ChildProcess _process;

    public HubProcess(string database, IEnumerable<string> brokers, string prefix, params string[] extra)
    {
        ConsolePort = FreePort.Next();
        var args = new List<string>
        {
            $"--Hub:Database={database}", $"--Hub:Prefix={prefix}", $"--Hub:QueueStem=hub.{prefix}",
            "--Hub:BrokerUser=edge", "--Hub:BrokerPassword=edge-test-only",
            string.Create(CultureInfo.InvariantCulture, $"--Hub:ConsoleUrl=http://127.0.0.1:{ConsolePort}"),
        };
        args.AddRange(brokers.Select((b, i) => string.Create(CultureInfo.InvariantCulture, $"--Hub:Brokers:{i}={b}")));
        args.AddRange(extra);
        _process = ChildProcess.Start(Executable, args);
    }

    public static string Executable => Path.Combine(RepoPaths.Root, "src", "Reintegratie.Edge.Hub", "bin", RepoPaths.Configuration, "net10.0", "reintegratie-hub");

    public int ConsolePort { get; }

    public ChildProcess Process => _process;

    /// <summary>Waits until all three queues are consumed (the log line of each), so nothing published later can miss a binding.</summary>
    public void WaitConsuming()
    {
        if (!SpinWait.SpinUntil(() => _process.Stdout.Count(l => l.Contains("Consuming", StringComparison.Ordinal)) >= 3 || _process.HasExited, TimeSpan.FromSeconds(60))
            || _process.HasExited)
        {
            throw new InvalidOperationException("hub did not start consuming:\n" + Output);
        }
    }

    public string Output => string.Join('\n', _process.Stdout.TakeLast(40)) + "\n" + string.Join('\n', _process.Stderr.TakeLast(20));

    public void Dispose() => _process.Dispose();
}
