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
/// A real gateway process with an RF detector (rf-1) on a pty pair behind a stable symlink and an external broker
/// (mosquitto unless <see cref="RigOptions.Broker"/> gives one), a persistent subscriber, and a drone-detection writer:
/// each track gets a few detections and then falls quiet, so fusion opens an incursion alert per track and ends it after
/// the (short) quiet period: a steady stream of alert revisions. Optionally a second detector (rf-alarm, zone Z2) for
/// alarms injected during a flood. The gateway and the subscriber speak <c>Mqtt:ProtocolVersion</c> (5.0 or 3.1.1).
/// </summary>
internal sealed class RobustnessRig : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-robust-").FullName;
    private readonly string _config;
    private readonly RobustnessBroker? _ownBroker;
    private readonly string _rfLink;
    private readonly Lock _ptyLock = new();
    private PtyPair? _pty;
    private ChildProcess? _gateway;
    private CancellationTokenSource? _writing;
    private Task? _writer;
    private int _track;
    private long _injected;

    public RobustnessRig(RigOptions? options = null)
    {
        options ??= new RigOptions();
        if (options.Broker is null)
        {
            _ownBroker = new RobustnessBroker(_directory, options.BrokerSavesEveryChange);
        }

        Broker = options.Broker ?? _ownBroker!;
        Root = $"pi-edge/{options.Site}/gw1";
        ProtocolVersion = options.ProtocolVersion;
        _rfLink = Path.Combine(_directory, "ttyRF1");
        _pty = PtyPair.Open(_rfLink);
        var journalDirectory = options.JournalDirectory ?? _directory;
        JournalPath = Path.Combine(journalDirectory, "journal.db");
        _config = Path.Combine(_directory, "gateway.json");
        var sensors = new JsonArray(new JsonObject { ["Id"] = "rf-1", ["Family"] = "RfDetector", ["Zone"] = "Z1", ["Port"] = _rfLink, ["ReportingSeconds"] = options.ReportingSeconds });
        var sectors = new JsonArray(new JsonObject { ["Sensor"] = "rf-1", ["FromDeg"] = 0, ["ToDeg"] = 360, ["Zone"] = "Z1" });
        if (options.AlarmSensor)
        {
            Alarm = PtyPair.Open();
            sensors.Add(new JsonObject { ["Id"] = "rf-alarm", ["Family"] = "RfDetector", ["Zone"] = "Z2", ["Port"] = Alarm.SlavePath, ["ReportingSeconds"] = 600 });
            sectors.Add(new JsonObject { ["Sensor"] = "rf-alarm", ["FromDeg"] = 0, ["ToDeg"] = 360, ["Zone"] = "Z2" });
        }

        var journal = new JsonObject { ["Path"] = JournalPath };
        if (options.ReserveBytes is { } reserve)
        {
            journal["ReserveBytes"] = reserve;
        }

        var mqtt = new JsonObject
        {
            ["Host"] = "127.0.0.1", ["Port"] = Broker.Port, ["Site"] = options.Site, ["Gateway"] = "gw1", ["BrokerLostAfterSeconds"] = 3,
            [nameof(MqttOptions.ProtocolVersion)] = options.ProtocolVersion, // "3.1.1" or "5.0"
            ["Commands"] = new JsonObject
            {
                ["Keys"] = new JsonObject
                {
                    ["rig-console"] = new JsonObject
                    {
                        ["PublicKey"] = Convert.ToBase64String(CommandKey.ExportSubjectPublicKeyInfo()),
                        ["Verbs"] = new JsonArray("ack", "bypass", "resync"),
                    },
                },
            },
        };
        if (options.JournalHeadIntervalSeconds is { } headInterval)
        {
            mqtt["JournalHeadIntervalSeconds"] = headInterval;
        }

        if (options.EventsFeed)
        {
            mqtt["Events"] = new JsonObject { ["Enabled"] = true, ["Kinds"] = new JsonArray("drone") };
        }

        File.WriteAllText(_config, new JsonObject
        {
            ["Site"] = new JsonObject
            {
                ["Name"] = options.Site,
                ["Zones"] = new JsonArray(new JsonObject { ["Id"] = "Z1", ["Name"] = "Noordhek" }, new JsonObject { ["Id"] = "Z2", ["Name"] = "Zuidhek" }),
                ["Sectors"] = sectors,
                ["Sensors"] = sensors,
            },
            ["Fusion"] = new JsonObject { ["DroneQuietSeconds"] = 2 },
            ["Mqtt"] = mqtt,
            ["Journal"] = journal,
        }.ToJsonString());
        Subscriber = new PersistentSubscriber(Broker.Port, Root, options.ProtocolVersion == "3.1.1" ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500);
    }

    /// <summary>The key the rig's gateway trusts for every verb (<c>rig-console</c>).</summary>
    public static System.Security.Cryptography.ECDsa CommandKey { get; } = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);

    /// <summary>A command payload signed by <c>rig-console</c> for this rig's gateway.</summary>
    public string Signed(string verb, Dictionary<string, string> fields) =>
        System.Text.Encoding.UTF8.GetString(Reintegratie.Edge.Mqtt.Commands.CommandSigner.Sign(CommandKey, "rig-console", Root, verb, fields, DateTimeOffset.UtcNow));

    /// <summary><c>pi-edge/{site}/gw1</c>.</summary>
    public string Root { get; }

    public string ProtocolVersion { get; }

    public IRigBroker Broker { get; }

    /// <summary>The rig's own mosquitto (SIGKILL loops); fails when the rig runs against a broker it was given.</summary>
    public RobustnessBroker Mosquitto => _ownBroker ?? throw new InvalidOperationException("the rig runs against an external broker");

    public PersistentSubscriber Subscriber { get; }

    public string JournalPath { get; }

    /// <summary>The alarm detector's pty (null unless <see cref="RigOptions.AlarmSensor"/>).</summary>
    public PtyPair? Alarm { get; }

    /// <summary>Detection frames written on rf-1's pty.</summary>
    public long Injected => Interlocked.Read(ref _injected);

    public ChildProcess GatewayProcess => _gateway ?? throw new InvalidOperationException("gateway not started");

    /// <summary>Every gateway process started so far (its stderr is the log).</summary>
    public List<ChildProcess> Gateways { get; } = [];

    public void StartGateway()
    {
        var online = Subscriber.Statuses.Count(s => s == "online");
        _gateway = ChildProcess.Start(RepoPaths.Gateway, ["--config", _config, "--state-dir", _directory]);
        Gateways.Add(_gateway);
        var up = SpinWait.SpinUntil(() => Subscriber.Statuses.Count(s => s == "online") > online || _gateway.HasExited, TimeSpan.FromSeconds(45));
        Assert.True(up && !_gateway.HasExited, "gateway did not come online:\n" + string.Join('\n', _gateway.Stderr.TakeLast(30)));
    }

    /// <summary>SIGKILL: no clean shutdown; waits until the process is gone.</summary>
    public void KillGateway()
    {
        GatewayProcess.Signal(9);
        Assert.True(GatewayProcess.WaitForExit(TimeSpan.FromSeconds(10)), "gateway survived SIGKILL");
    }

    /// <summary>Writes one detection every <paramref name="intervalMs"/> ms; every 4th frame starts a new track.</summary>
    public void StartWriting(int intervalMs = 100)
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

                if (await WriteRfAsync(Sentence("rf-1", $"T{_track:D4}", TimeProvider.System.GetUtcNow().TimeOfDay)))
                {
                    SentTracks.TryAdd($"T{_track:D4}", 0); // the sensor side's own record of what it delivered
                }

                try
                {
                    await Task.Delay(intervalMs, token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    /// <summary>Writes detections of <paramref name="tracks"/> tracks at <paramref name="framesPerSecond"/> (paced per 10 ms).</summary>
    public void StartFlood(int framesPerSecond, int tracks = 8)
    {
        _writing = new CancellationTokenSource();
        var token = _writing.Token;
        _writer = Task.Run(async () =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            long sent = 0;
            var frames = Enumerable.Range(0, 16).Select(i => Sentence("rf-1", $"F{i % tracks:D3}", TimeSpan.FromHours(12))).ToArray();
            while (!token.IsCancellationRequested)
            {
                var due = (long)(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds * framesPerSecond);
                if (sent >= due)
                {
                    try
                    {
                        await Task.Delay(10, token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    continue;
                }

                // One write per batch of due frames (up to 64): a pty, like a UART FIFO, takes bursts.
                var batch = (int)Math.Min(64, due - sent);
                var buffer = new byte[batch * frames[0].Length];
                for (var i = 0; i < batch; i++)
                {
                    frames[(sent + i) % frames.Length].CopyTo(buffer, i * frames[0].Length);
                }

                if (await WriteRfAsync(buffer, batch))
                {
                    sent += batch;
                }
            }
        });
    }

    public void StopWriting()
    {
        _writing?.Cancel();
        _writer?.Wait(TimeSpan.FromSeconds(10));
    }

    /// <summary>The cable is pulled: rf-1's pty pair is closed and its symlink removed (writes are skipped meanwhile).</summary>
    public void UnplugRf()
    {
        lock (_ptyLock)
        {
            _pty?.Dispose();
            _pty = null;
        }
    }

    /// <summary>Plugged back: a new pty pair behind the same symlink.</summary>
    public void ReplugRf()
    {
        lock (_ptyLock)
        {
            _pty ??= PtyPair.Open(_rfLink);
        }
    }

    /// <summary>Writes one alarm detection of a new track on rf-alarm; returns the Stopwatch timestamp of the write.</summary>
    public async Task<long> InjectAlarmAsync(string track)
    {
        var frame = Sentence("rf-alarm", track, TimeProvider.System.GetUtcNow().TimeOfDay);
        var at = System.Diagnostics.Stopwatch.GetTimestamp();
        await Alarm!.Master.WriteAsync(frame);
        return at;
    }

    /// <summary>Track ids of every detection frame the rig wrote to rf-1 (by <see cref="StartWriting"/>).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, byte> SentTracks { get; } = new();

    /// <summary>Null when every rf-1 detection the journal holds is of a track the rig sent; else the first invented one.</summary>
    public string? InventedTracks()
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT DISTINCT json_extract(payload, '$.track_id') FROM journal WHERE type = 'event' AND kind = 'drone' AND sensor = 'rf-1' AND payload IS NOT NULL;";
        using var r = cmd.ExecuteReader();
        var journaled = 0;
        while (r.Read())
        {
            journaled++;
            if (!SentTracks.ContainsKey(r.GetString(0)))
            {
                return $"the journal holds rf-1 track {r.GetString(0)}, which the sensor never sent ({SentTracks.Count} tracks sent)";
            }
        }

        return journaled == 0 ? "the journal holds no rf-1 detection at all: nothing to compare" : null;
    }

    /// <summary>(alert id, revision) of every alert row of the journal, in journal order.</summary>
    public List<(string Id, int Revision)> JournalRevisions()
    {
        using var c = Connect();
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

    /// <summary>Drone-detection event rows of one sensor in the journal.</summary>
    public long JournaledEvents(string sensor)
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM journal WHERE type = 'event' AND kind = 'drone' AND sensor = $s;";
        cmd.Parameters.AddWithValue("$s", sensor);
        return (long)cmd.ExecuteScalar()!;
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

    /// <summary>
    /// Prints <c>case: injected N, journaled N, delivered N, lost N, duplicates N</c> (+ extras) to the test output and
    /// the soak report, checks the per-alert order; returns lost, duplicates and the first order violation.
    /// </summary>
    public (int Lost, int Duplicates, string? OrderViolation) Report(string name, List<(string Id, int Revision)> journal, Action<string> print, string? extra = null)
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

        var line = string.Create(CultureInfo.InvariantCulture,
            $"{name} ({Broker.Name}, MQTT {ProtocolVersion}): injected {Injected}, journaled {journal.Count}, delivered {journal.Count(distinct.Contains)}, lost {lost}, duplicates {duplicates}; {journal.Select(j => j.Id).Distinct().Count()} alerts{(extra is null ? string.Empty : "; " + extra)}{(violation is null ? string.Empty : "; ORDER " + violation)}");
        print(line);
        SoakSettings.Append(line);
        return (lost, duplicates, violation);
    }

    public void Dispose()
    {
        StopWriting();
        foreach (var g in Gateways)
        {
            g.Dispose();
        }

        Subscriber.Dispose();
        _ownBroker?.Dispose();
        UnplugRf();
        Alarm?.Dispose();
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

    /// <summary>An RF detector sentence (hardware/protocols/rf-detector.md) with its NMEA checksum.</summary>
    public static byte[] Sentence(string sensor, string track, TimeSpan t)
    {
        var body = string.Create(CultureInfo.InvariantCulture,
            $"PRFDT,{t.Hours:00}{t.Minutes:00}{t.Seconds:00}.{t.Milliseconds / 10:00},{sensor},{track},45.0,10.0,-60,2437.5,OCUSYNC,90");
        byte checksum = 0;
        foreach (var c in body)
        {
            checksum ^= (byte)c; // NMEA 0183: XOR of the characters between '$' and '*'
        }

        return Encoding.ASCII.GetBytes($"${body}*{checksum:X2}\r\n");
    }

    private Task<bool> WriteRfAsync(byte[] frame) => WriteRfAsync(frame, 1);

    private async Task<bool> WriteRfAsync(byte[] bytes, int frames)
    {
        FileStream? master;
        lock (_ptyLock)
        {
            master = _pty?.Master;
        }

        if (master is null)
        {
            return false; // unplugged: the detector's frames go nowhere, and are not counted as injected
        }

        try
        {
            await master.WriteAsync(bytes, CancellationToken.None);
            Interlocked.Add(ref _injected, frames);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            return false; // pulled while writing
        }
    }

    private SqliteConnection Connect()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = JournalPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        return c;
    }
}
