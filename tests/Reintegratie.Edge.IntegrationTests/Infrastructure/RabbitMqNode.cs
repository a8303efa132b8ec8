using System.Diagnostics;
using System.Globalization;
using MQTTnet;
using MQTTnet.Formatter;
using Reintegratie.Edge.IntegrationTests.Robustness;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.IntegrationTests.Infrastructure;

/// <summary>
/// A private RabbitMQ node (Debian's rabbitmq-server 3.10) with the MQTT plugin on a free loopback port, for tests; an
/// xunit class fixture (one node per test class: a start takes about 10 s on the 2-core machine). Everything lives in a
/// temp directory: node name <c>rabbit-edge-{pid}-{n}@localhost</c>, mnesia, logs, config, enabled-plugins file, and
/// HOME (so the Erlang cookie is its own). The AMQP listener is off; the Erlang distribution port is a free one, so
/// the node never collides with the system service. MQTT: anonymous logins map to the user <c>edge</c> that the node
/// creates on first boot; retained messages in the DETS store (kept across a restart). <see cref="Stop"/> is
/// <c>rabbitmqctl stop</c>; <see cref="Dispose"/> stops, kills what is left and deletes the directory.
/// </summary>
public sealed class RabbitMqNode : IRigBroker, IDisposable
{
    public const string BinDirectory = "/usr/lib/rabbitmq/bin";

    private static int s_nodes;
    private readonly string _directory;
    private readonly Dictionary<string, string> _environment;
    private ChildProcess? _server;

    public RabbitMqNode()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "rabbitmq-server")))
        {
            throw new InvalidOperationException(
                $"rabbitmq-server is not installed ({BinDirectory}/rabbitmq-server is missing): the RabbitMQ MQTT 3.1.1 tests need a real node. "
                + "`make test` installs it (make deps: apt-get install --no-install-recommends rabbitmq-server).");
        }

        _directory = Directory.CreateTempSubdirectory("edge-rabbitmq-").FullName;
        NodeName = string.Create(CultureInfo.InvariantCulture, $"rabbit-edge-{Environment.ProcessId}-{Interlocked.Increment(ref s_nodes)}@localhost");
        Port = FreePort.Next();
        var distributionPort = FreePort.Next();
        File.WriteAllText(Path.Combine(_directory, "rabbitmq.conf"), string.Join('\n',
            "listeners.tcp = none",
            $"mqtt.listeners.tcp.1 = 127.0.0.1:{Port}",
            "mqtt.allow_anonymous = true",
            "mqtt.default_user = edge",
            "mqtt.default_pass = edge-test-only",
            "default_user = edge",
            "default_pass = edge-test-only",
            "mqtt.retained_message_store = rabbit_mqtt_retained_msg_store_dets",
            "mqtt.retained_message_store_dets_sync_interval = 200",
            "log.console = false",
            "log.file.level = info",
            string.Empty));
        File.WriteAllText(Path.Combine(_directory, "rabbitmq-env.conf"), string.Empty);
        _environment = new Dictionary<string, string>
        {
            ["HOME"] = _directory,
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_directory, "advanced.config"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_directory, "rabbitmq-env.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins"),
            ["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(_directory, "plugins-expand"),
        };
        try
        {
            Cli("rabbitmq-plugins", ["--offline", "enable", "rabbitmq_mqtt"]);
            Start();
            FirstStart = LastStart;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Name => "RabbitMQ 3.10 MQTT plugin";

    public string NodeName { get; }

    public int Port { get; }

    /// <summary>How long the first start took (process start to the first MQTT CONNACK).</summary>
    public TimeSpan FirstStart { get; }

    /// <summary>How long the latest start took.</summary>
    public TimeSpan LastStart { get; private set; }

    public string LogPath => Path.Combine(_directory, "log", NodeName + ".log");

    public void Start()
    {
        var watch = Stopwatch.StartNew();
        _server = ChildProcess.Start(Path.Combine(BinDirectory, "rabbitmq-server"), [], _environment, _directory);
        var deadline = Stopwatch.StartNew();
        while (!CanConnectMqtt())
        {
            if (_server.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new InvalidOperationException(
                    $"RabbitMQ node {NodeName} did not accept MQTT on 127.0.0.1:{Port} (exited {_server.HasExited}):\n"
                    + string.Join('\n', _server.Stdout.TakeLast(20)) + "\n" + string.Join('\n', ReadLog().Split('\n').TakeLast(30)));
            }

            Thread.Sleep(200);
        }

        LastStart = watch.Elapsed;
    }

    /// <summary><c>rabbitmqctl -n NODE stop</c>: durable queues (persistent MQTT sessions) and the retained store are saved.</summary>
    public void Stop()
    {
        if (_server is null)
        {
            return;
        }

        if (!_server.HasExited)
        {
            Cli("rabbitmqctl", ["-n", NodeName, "stop"]);
            if (!_server.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                _server.Kill();
            }
        }

        _server.Dispose();
        _server = null;
    }

    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no log at " + LogPath + ")";

    public void Dispose()
    {
        try
        {
            Stop();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            _server?.Dispose(); // kills the whole process tree (the start script and beam.smp)
            _server = null;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort.
        }
    }

    private void Cli(string tool, string[] args)
    {
        var (code, stdout, stderr) = ChildProcess.Run(Path.Combine(BinDirectory, tool), args, TimeSpan.FromSeconds(90), _environment);
        if (code != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed with exit {code}:\n{stdout}\n{stderr}");
        }
    }

    /// <summary>Ready means an MQTT 3.1.1 CONNECT gets a successful CONNACK (the plugin boots last, after auth and queues).</summary>
    private bool CanConnectMqtt()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", Port)
            .WithClientId("ready-probe")
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();
        try
        {
            client.ConnectAsync(options).GetAwaiter().GetResult();
            client.DisconnectAsync().GetAwaiter().GetResult();
            return true;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or MQTTnet.Adapter.MqttConnectingFailedException)
        {
            return false;
        }
    }
}
