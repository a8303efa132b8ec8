using System.Globalization;
using System.Net.Sockets;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.IntegrationTests.Infrastructure;

/// <summary>
/// One private RabbitMQ node (Debian's rabbitmq-server 3.10) with the MQTT plugin on free loopback ports, for tests;
/// shared by the integration tests' <see cref="RabbitMqNode"/> and the hub tests' cluster (linked source). Everything
/// lives in the node's own directory: config, env file, enabled-plugins file, mnesia, logs; HOME is the given directory
/// (the Erlang cookie: one per node, or one shared by a cluster). The Erlang distribution port is a free one, so the
/// node never collides with the system service. MQTT: anonymous logins map to the user <c>edge</c> the node creates on
/// first boot; retained messages in the DETS store (kept across a restart). AMQP is off unless asked for. Fails (never
/// skips) when RabbitMQ is missing.
/// </summary>
public sealed class RabbitNodeProcess : IDisposable
{
    public const string BinDirectory = "/usr/lib/rabbitmq/bin";

    private readonly Dictionary<string, string> _environment;
    private readonly string _directory;
    private ChildProcess? _server;

    /// <param name="directory">The node's own directory (created when missing).</param>
    /// <param name="name">Node name, <c>name@localhost</c>.</param>
    /// <param name="home">HOME of the node and its CLI tools: where the Erlang cookie is.</param>
    /// <param name="amqp">Open an AMQP 0-9-1 listener too.</param>
    /// <param name="config">Further <c>rabbitmq.conf</c> lines (log level, queue types, …).</param>
    public RabbitNodeProcess(string directory, string name, string home, bool amqp, IEnumerable<string> config)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "rabbitmq-server")))
        {
            throw new InvalidOperationException(
                $"rabbitmq-server is not installed ({BinDirectory}/rabbitmq-server is missing): these tests need a real node. "
                + "`make test` installs it (make deps: apt-get install --no-install-recommends rabbitmq-server).");
        }

        _directory = directory;
        Directory.CreateDirectory(directory);
        Name = name;
        MqttPort = FreePort.Next();
        AmqpPort = amqp ? FreePort.Next() : 0;
        var configFile = Path.Combine(directory, "rabbitmq.conf");
        File.WriteAllText(configFile, string.Join('\n', [
            amqp ? $"listeners.tcp.1 = 127.0.0.1:{AmqpPort}" : "listeners.tcp = none",
            $"mqtt.listeners.tcp.1 = 127.0.0.1:{MqttPort}",
            "mqtt.allow_anonymous = true",
            "mqtt.default_user = edge",
            "mqtt.default_pass = edge-test-only",
            "default_user = edge",
            "default_pass = edge-test-only",
            "mqtt.retained_message_store = rabbit_mqtt_retained_msg_store_dets",
            "log.console = false",
            .. config,
            string.Empty]));
        File.WriteAllText(Path.Combine(directory, "rabbitmq-env.conf"), string.Empty);
        _environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["RABBITMQ_NODENAME"] = name,
            ["RABBITMQ_DIST_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_CONFIG_FILE"] = configFile,
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(directory, "advanced.config"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(directory, "rabbitmq-env.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
            ["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(directory, "plugins-expand"),
        };
        Cli("rabbitmq-plugins", ["--offline", "enable", "rabbitmq_mqtt"]);
    }

    public string Name { get; }

    public int MqttPort { get; }

    /// <summary>The AMQP listener, 0 when off.</summary>
    public int AmqpPort { get; }

    public bool Running => _server is { HasExited: false };

    public string LogPath => Path.Combine(_directory, "log", Name + ".log");

    /// <summary>Starts the node and waits until <paramref name="ready"/> (default: its listeners accept TCP).</summary>
    public void Start(Func<bool>? ready = null)
    {
        _server = ChildProcess.Start(Path.Combine(BinDirectory, "rabbitmq-server"), [], _environment, _directory);
        WaitReady(ready);
    }

    public void WaitReady(Func<bool>? ready = null)
    {
        ready ??= () => Listening(MqttPort) && (AmqpPort == 0 || Listening(AmqpPort));
        var started = DateTime.UtcNow;
        while (!ready())
        {
            if (_server is null || _server.HasExited || DateTime.UtcNow - started > TimeSpan.FromSeconds(120))
            {
                throw new InvalidOperationException(
                    $"RabbitMQ node {Name} did not get ready on MQTT {MqttPort} / AMQP {AmqpPort} (exited {_server?.HasExited}):\n"
                    + string.Join('\n', _server?.Stdout.TakeLast(20) ?? []) + "\n" + string.Join('\n', ReadLog().Split('\n').TakeLast(30)));
            }

            Thread.Sleep(200);
        }
    }

    /// <summary><c>rabbitmqctl -n NODE stop</c>: the node leaves cleanly; durable queues (persistent MQTT sessions) and the retained store are saved.</summary>
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

    /// <summary>Runs a RabbitMQ CLI tool with the node's environment; returns its output, throws with it on a non-zero exit.</summary>
    public string Cli(string tool, string[] args)
    {
        var (code, stdout, stderr) = ChildProcess.Run(Path.Combine(BinDirectory, tool), args, TimeSpan.FromSeconds(120), _environment);
        if (code != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed with exit {code}:\n{stdout}\n{stderr}");
        }

        return stdout;
    }

    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no log at " + LogPath + ")";

    /// <summary>Stops; kills what is left (the start script and beam.smp). The caller deletes the directory.</summary>
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
