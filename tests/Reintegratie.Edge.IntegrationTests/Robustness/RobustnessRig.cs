using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using MQTTnet.Formatter;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>
/// A real gateway process with one RF detector on a pty pair and an external broker (mosquitto unless one is given),
/// a persistent subscriber, and a drone-detection writer: each track gets a few detections and then falls quiet, so
/// fusion opens an incursion alert per track and ends it after the (short) quiet period: a steady stream of alert
/// revisions. The gateway and the subscriber speak <c>Mqtt:ProtocolVersion</c> (5.0 or 3.1.1).
/// </summary>
internal sealed class RobustnessRig : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-robust-").FullName;
    private readonly PtyPair _pty;
    private readonly string _config;
    private readonly RobustnessBroker? _ownBroker;
    private ChildProcess? _gateway;
    private CancellationTokenSource? _writing;
    private Task? _writer;
    private int _track;

    /// <summary>
    /// Creates the rig. <paramref name="broker"/>: an already running broker the caller owns (and disposes); null =
    /// a private mosquitto the rig owns. <paramref name="site"/> makes the topic root and client id unique on a shared
    /// broker. <paramref name="protocolVersion"/> is the gateway's <c>Mqtt:ProtocolVersion</c>.
    /// </summary>
    public RobustnessRig(IRigBroker? broker = null, string site = "robust", string protocolVersion = "5.0")
    {
        if (broker is null)
        {
            _ownBroker = new RobustnessBroker(_directory);
            broker = _ownBroker;
        }

        Broker = broker;
        Root = $"pi-edge/{site}/gw1";
        ProtocolVersion = protocolVersion;
        _pty = PtyPair.Open();
        JournalPath = Path.Combine(_directory, "journal.db");
        _config = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(_config, new JsonObject
        {
            ["Site"] = new JsonObject
            {
                ["Name"] = site,
                ["Zones"] = new JsonArray(new JsonObject { ["Id"] = "Z1", ["Name"] = "Noordhek" }),
                ["Sectors"] = new JsonArray(new JsonObject { ["Sensor"] = "rf-1", ["FromDeg"] = 0, ["ToDeg"] = 360, ["Zone"] = "Z1" }),
                ["Sensors"] = new JsonArray(new JsonObject { ["Id"] = "rf-1", ["Family"] = "RfDetector", ["Zone"] = "Z1", ["Port"] = _pty.SlavePath, ["ReportingSeconds"] = 600 }),
            },
            ["Fusion"] = new JsonObject { ["DroneQuietSeconds"] = 2 },
            ["Mqtt"] = new JsonObject
            {
                ["Host"] = "127.0.0.1", ["Port"] = Broker.Port, ["Site"] = site, ["Gateway"] = "gw1", ["BrokerLostAfterSeconds"] = 3,
                [nameof(MqttOptions.ProtocolVersion)] = protocolVersion, // "3.1.1" or "5.0"
            },
            ["Journal"] = new JsonObject { ["Path"] = JournalPath },
        }.ToJsonString());
        Subscriber = new PersistentSubscriber(Broker.Port, Root, protocolVersion == "3.1.1" ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500);
    }

    /// <summary><c>pi-edge/{site}/gw1</c>.</summary>
    public string Root { get; }

    public string ProtocolVersion { get; }

    public IRigBroker Broker { get; }

    public PersistentSubscriber Subscriber { get; }

    public string JournalPath { get; }

    /// <summary>Detection frames written on the pty.</summary>
    public long Injected { get; private set; }

    public ChildProcess GatewayProcess => _gateway ?? throw new InvalidOperationException("gateway not started");

    public void StartGateway()
    {
        var online = Subscriber.Statuses.Count(s => s == "online");
        _gateway = ChildProcess.Start(RepoPaths.Gateway, ["--config", _config, "--state-dir", _directory]);
        var up = SpinWait.SpinUntil(() => Subscriber.Statuses.Count(s => s == "online") > online || _gateway.HasExited, TimeSpan.FromSeconds(45));
        Assert.True(up && !_gateway.HasExited, "gateway did not come online:\n" + string.Join('\n', _gateway.Stderr.TakeLast(30)));
    }

    /// <summary>Writes one detection every 100 ms; every 4th frame starts a new track.</summary>
    public void StartWriting()
    {
        _writing = new CancellationTokenSource();
        var token = _writing.Token;
        _writer = Task.Run(async () =>
        {
            var n = 0;
            while (!token.IsCancellationRequested)
            {
                if (n++ % 4 == 0)
                {
                    _track++;
                }

                var frame = Sentence($"T{_track:D4}", TimeProvider.System.GetUtcNow().TimeOfDay);
                await _pty.Master.WriteAsync(frame, CancellationToken.None);
                Injected++;
                try
                {
                    await Task.Delay(100, token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    public void StopWriting()
    {
        _writing?.Cancel();
        _writer?.Wait(TimeSpan.FromSeconds(10));
    }

    /// <summary>(alert id, revision) of every alert row of the journal, in journal order.</summary>
    public List<(string Id, int Revision)> JournalRevisions()
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = JournalPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT alert_id, revision FROM journal WHERE type = 'alert' ORDER BY seq;";
        using var r = cmd.ExecuteReader();
        var list = new List<(string, int)>();
        while (r.Read())
        {
            list.Add((r.GetString(0), r.GetInt32(1)));
        }

        return list;
    }

    /// <summary>Waits until every journaled revision has reached the subscriber (the journal is re-read as it grows).</summary>
    public (List<(string Id, int Revision)> Journal, bool AllDelivered) WaitForDelivery(TimeSpan timeout)
    {
        List<(string Id, int Revision)> journal = [];
        var all = SpinWait.SpinUntil(() =>
        {
            journal = JournalRevisions();
            var delivered = Subscriber.Alerts.ToHashSet();
            if (journal.TrueForAll(delivered.Contains))
            {
                return true;
            }

            Thread.Sleep(250);
            return false;
        }, timeout);
        return (journal, all);
    }

    /// <summary>Prints injected / journaled / delivered / lost / duplicates and checks the per-alert order; returns lost.</summary>
    public (int Lost, int Duplicates, string? OrderViolation) Report(string name, List<(string Id, int Revision)> journal, Action<string> print)
    {
        var received = Subscriber.Alerts.ToList();
        var distinct = received.ToHashSet();
        var lost = journal.Count(r => !distinct.Contains(r));
        var duplicates = received.Count - distinct.Count;
        string? violation = null;
        var seen = new HashSet<(string, int)>();
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in received)
        {
            if (!seen.Add(m))
            {
                continue; // a QoS 1 duplicate: the consumer drops it by id + revision
            }

            if (last.TryGetValue(m.Id, out var previous) && m.Revision <= previous)
            {
                violation ??= $"alert {m.Id}: revision {m.Revision} arrived after {previous}";
            }

            last[m.Id] = Math.Max(previous, m.Revision);
        }

        print(string.Create(CultureInfo.InvariantCulture,
            $"{name} ({Broker.Name}, MQTT {ProtocolVersion}): injected {Injected} frames, journaled {journal.Count} alert revisions ({journal.Select(j => j.Id).Distinct().Count()} alerts), delivered {distinct.Count}, lost {lost}, duplicates {duplicates}"));
        return (lost, duplicates, violation);
    }

    public void Dispose()
    {
        StopWriting();
        _gateway?.Dispose();
        Subscriber.Dispose();
        _ownBroker?.Dispose();
        _pty.Dispose();
        _writing?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static byte[] Sentence(string track, TimeSpan t)
    {
        var body = string.Create(CultureInfo.InvariantCulture,
            $"PRFDT,{t.Hours:00}{t.Minutes:00}{t.Seconds:00}.{t.Milliseconds / 10:00},rf-1,{track},45.0,10.0,-60,2437.5,OCUSYNC,90");
        byte checksum = 0;
        foreach (var c in body)
        {
            checksum ^= (byte)c; // NMEA 0183: XOR of the characters between '$' and '*'
        }

        return Encoding.ASCII.GetBytes($"${body}*{checksum:X2}\r\n");
    }
}
