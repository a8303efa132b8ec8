using System.Diagnostics;
using System.Globalization;
using MQTTnet;
using MQTTnet.Formatter;
using Reintegratie.Edge.IntegrationTests.Robustness;

namespace Reintegratie.Edge.IntegrationTests.Infrastructure;

/// <summary>
/// A private RabbitMQ node (<see cref="RabbitNodeProcess"/>: Debian's rabbitmq-server 3.10, MQTT plugin on a free
/// loopback port, AMQP off) for the broker rig; an xunit class fixture (one node per test class: a start takes about
/// 10 s on the 2-core machine). Node name <c>rabbit-edge-{pid}-{n}@localhost</c>, its own temp directory and HOME (so
/// the Erlang cookie is its own). Ready means an MQTT 3.1.1 CONNECT gets a CONNACK. <see cref="Stop"/> is
/// <c>rabbitmqctl stop</c>; <see cref="Dispose"/> stops, kills what is left and deletes the directory.
/// </summary>
public sealed class RabbitMqNode : IRigBroker, IDisposable
{
    private static int s_nodes;
    private readonly string _directory;
    private readonly RabbitNodeProcess? _node;

    public RabbitMqNode()
    {
        _directory = Directory.CreateTempSubdirectory("edge-rabbitmq-").FullName;
        try
        {
            _node = new RabbitNodeProcess(
                _directory, string.Create(CultureInfo.InvariantCulture, $"rabbit-edge-{Environment.ProcessId}-{Interlocked.Increment(ref s_nodes)}@localhost"),
                home: _directory, amqp: false, ["mqtt.retained_message_store_dets_sync_interval = 200", "log.file.level = info"]);
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

    public string NodeName => Node.Name;

    public int Port => Node.MqttPort;

    /// <summary>How long the first start took (process start to the first MQTT CONNACK).</summary>
    public TimeSpan FirstStart { get; }

    /// <summary>How long the latest start took.</summary>
    public TimeSpan LastStart { get; private set; }

    public string LogPath => Node.LogPath;

    private RabbitNodeProcess Node => _node ?? throw new ObjectDisposedException(nameof(RabbitMqNode));

    public void Start()
    {
        var watch = Stopwatch.StartNew();
        Node.Start(CanConnectMqtt);
        LastStart = watch.Elapsed;
    }

    /// <summary><c>rabbitmqctl -n NODE stop</c>: durable queues (persistent MQTT sessions) and the retained store are saved.</summary>
    public void Stop() => Node.Stop();

    public string ReadLog() => Node.ReadLog();

    public void Dispose()
    {
        _node?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort.
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
