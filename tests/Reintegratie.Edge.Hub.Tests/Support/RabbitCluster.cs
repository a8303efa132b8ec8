using System.Globalization;
using System.Net.Sockets;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.Hub.Tests.Support;

/// <summary>
/// Private RabbitMQ 3.10 nodes (Debian rabbitmq-server) with the MQTT plugin and AMQP on free loopback ports, joined
/// into one cluster when there are several: own node names, mnesia, logs, config and a shared Erlang cookie in a temp
/// directory, so nothing collides with the system service or other tests. Fails (never skips) when RabbitMQ is missing.
/// </summary>
public sealed class RabbitCluster : IDisposable
{
    public const string BinDirectory = "/usr/lib/rabbitmq/bin";
    private static int s_clusters;
    private readonly string _directory;
    private readonly List<Node> _nodes = [];

    public RabbitCluster()
        : this(1)
    {
    }

    public RabbitCluster(int size)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "rabbitmq-server")))
        {
            throw new InvalidOperationException($"rabbitmq-server is not installed ({BinDirectory}/rabbitmq-server missing): `make deps` installs it.");
        }

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
                var node = new Node(_directory, string.Create(CultureInfo.InvariantCulture, $"rabbit-hub-{Environment.ProcessId}-{cluster}-{i}@localhost"));
                _nodes.Add(node);
                node.Cli("rabbitmq-plugins", ["--offline", "enable", "rabbitmq_mqtt"]);
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

    public IReadOnlyList<Node> Nodes => _nodes;

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

    public sealed class Node : IDisposable
    {
        private readonly Dictionary<string, string> _environment;
        private ChildProcess? _server;

        internal Node(string clusterDirectory, string name)
        {
            Name = name;
            var directory = Path.Combine(clusterDirectory, name.Split('@')[0]);
            Directory.CreateDirectory(directory);
            MqttPort = FreePort.Next();
            AmqpPort = FreePort.Next();
            var config = Path.Combine(directory, "rabbitmq.conf");
            File.WriteAllText(config, string.Join('\n',
                $"listeners.tcp.1 = 127.0.0.1:{AmqpPort}",
                $"mqtt.listeners.tcp.1 = 127.0.0.1:{MqttPort}",
                "mqtt.allow_anonymous = true",
                "mqtt.default_user = edge",
                "mqtt.default_pass = edge-test-only",
                "default_user = edge",
                "default_pass = edge-test-only",
                "mqtt.retained_message_store = rabbit_mqtt_retained_msg_store_dets",
                // Persistent MQTT sessions as quorum queues: a gateway's session survives the node it was created on.
                "mqtt.durable_queue_type = quorum",
                "log.console = false",
                "log.file.level = warning",
                string.Empty));
            File.WriteAllText(Path.Combine(directory, "rabbitmq-env.conf"), string.Empty);
            _environment = new Dictionary<string, string>
            {
                ["HOME"] = clusterDirectory, // the shared Erlang cookie
                ["RABBITMQ_NODENAME"] = name,
                ["RABBITMQ_DIST_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
                ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
                ["RABBITMQ_CONFIG_FILE"] = config,
                ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(directory, "advanced.config"),
                ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(directory, "rabbitmq-env.conf"),
                ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
                ["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(directory, "plugins-expand"),
            };
        }

        public string Name { get; }

        public int MqttPort { get; }

        public int AmqpPort { get; }

        public bool Running => _server is { HasExited: false };

        public void Start()
        {
            _server = ChildProcess.Start(Path.Combine(BinDirectory, "rabbitmq-server"), [], _environment);
            WaitReady();
        }

        /// <summary><c>rabbitmqctl stop</c>: the node leaves cleanly; the cluster keeps serving (quorum queues need a majority).</summary>
        public void Stop()
        {
            if (_server is null)
            {
                return;
            }

            if (!_server.HasExited)
            {
                Cli("rabbitmqctl", ["-n", Name, "stop"]);
                if (!_server.WaitForExit(TimeSpan.FromSeconds(60)))
                {
                    _server.Kill();
                }
            }

            _server.Dispose();
            _server = null;
        }

        public void WaitReady()
        {
            var started = DateTime.UtcNow;
            while (!(Listening(AmqpPort) && Listening(MqttPort)))
            {
                if (_server is null || _server.HasExited || DateTime.UtcNow - started > TimeSpan.FromSeconds(120))
                {
                    throw new InvalidOperationException($"RabbitMQ node {Name} did not listen on AMQP {AmqpPort} and MQTT {MqttPort}:\n{string.Join('\n', _server?.Stdout.TakeLast(30) ?? [])}");
                }

                Task.Delay(200).Wait();
            }
        }

        public void Cli(string tool, string[] args)
        {
            var (code, stdout, stderr) = ChildProcess.Run(Path.Combine(BinDirectory, tool), args, TimeSpan.FromSeconds(120), _environment);
            if (code != 0)
            {
                throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed with exit {code}:\n{stdout}\n{stderr}");
            }
        }

        public void Dispose()
        {
            try
            {
                Stop();
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                _server?.Dispose();
                _server = null;
            }
        }

        private static bool Listening(int port)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
