using System.Globalization;
using Reintegratie.Edge.IntegrationTests.Infrastructure;

namespace Reintegratie.Edge.Hub.Tests.Support;

/// <summary>
/// Private RabbitMQ nodes (<see cref="RabbitNodeProcess"/>, with AMQP on) joined into one cluster when there are
/// several: own node names, a shared Erlang cookie in one temp directory, MQTT sessions as quorum queues, so nothing
/// collides with the system service or other tests.
/// </summary>
public sealed class RabbitCluster : IDisposable
{
    private static int s_clusters;
    private readonly string _directory;
    private readonly List<RabbitNodeProcess> _nodes = [];

    public RabbitCluster()
        : this(1)
    {
    }

    public RabbitCluster(int size)
    {
        _directory = Directory.CreateTempSubdirectory("edge-hub-rabbit-").FullName;
        var cookie = Path.Combine(_directory, ".erlang.cookie");
        File.WriteAllText(cookie, Convert.ToHexString(Guid.NewGuid().ToByteArray()));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }

        var cluster = Interlocked.Increment(ref s_clusters);
        try
        {
            for (var i = 0; i < size; i++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"rabbit-hub-{Environment.ProcessId}-{cluster}-{i}");
                // Persistent MQTT sessions as quorum queues: a gateway's session survives the node it was created on.
                var node = new RabbitNodeProcess(Path.Combine(_directory, name), name + "@localhost", home: _directory, amqp: true,
                    ["mqtt.durable_queue_type = quorum", "log.file.level = warning"]);
                _nodes.Add(node);
                node.Start();
                if (i > 0)
                {
                    node.Cli("rabbitmqctl", ["-n", node.Name, "stop_app"]);
                    node.Cli("rabbitmqctl", ["-n", node.Name, "join_cluster", _nodes[0].Name]);
                    node.Cli("rabbitmqctl", ["-n", node.Name, "start_app"]);
                    node.WaitReady();
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<RabbitNodeProcess> Nodes => _nodes;

    /// <summary>AMQP endpoints as <c>127.0.0.1:port</c>, for <c>Hub:Brokers</c>.</summary>
    public IEnumerable<string> AmqpEndpoints => _nodes.Select(n => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{n.AmqpPort}"));

    public void Dispose()
    {
        foreach (var node in Enumerable.Reverse(_nodes))
        {
            node.Dispose();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
