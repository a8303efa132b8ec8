using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Reintegratie.Edge.Sensors.RemoteId.Capture;
using Reintegratie.Edge.Sensors.RemoteId.Capture.Relay;

namespace Reintegratie.Edge.IntegrationTests.Gateway;

/// <summary>
/// The capture relay socket of the real gateway process attacked by a local insider while the capture unit (played by
/// this test, which runs as the gateway's uid, with the frames of the scapy Wi-Fi capture) is connected: twenty
/// connections from another uid (the socket's 0600 mode opened up, as a careless operator might), a second connection
/// with our uid, malformed frames. Each attempt is refused and journaled; the capture unit's drone still raises exactly
/// one <c>drone_incursion</c>; the sensor is faulted when the capture unit goes and the fault ends when it returns.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class CaptureRelayAttackTests : IAsyncLifetime
{
    private const string Capture = "wifi-beacon-radiotap.pcap";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-relay-").FullName;
    private MosquittoBroker _broker = null!;

    private string SocketPath => Path.Combine(_dir, "capture-wlanrelay0.sock");

    private string JournalPath => Path.Combine(_dir, "journal.db");

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartNewAsync();

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void RelaySocket_LocalInsider_RefusedJournaledDroneStillRaisedFaultedWhenTheUnitGoesBackWhenItReturns()
    {
        var config = Path.Combine(_dir, "gateway.json");
        File.WriteAllText(config, $$$"""
            {"Site":{"Name":"PI Test","Zones":[{"Id":"north","Name":"Noord","Kind":"yard","Polygon":[{"Lat":51.66,"Lon":5.28},{"Lat":51.67,"Lon":5.28},{"Lat":51.67,"Lon":5.30},{"Lat":51.66,"Lon":5.30}]}],
             "Sensors":[{"Id":"rid-air","Family":"RemoteId","Zone":"north","ReportingSeconds":0,"Format":"pcap","Interface":"wlanrelay0","Channels":"none","CaptureSocket":"{{{SocketPath}}}"}]},
             "Journal":{"Path":"{{{JournalPath}}}"}}
            """);
        using var gateway = ChildProcess.Start(RepoPaths.Gateway,
        [
            "--config", config, "--state-dir", Path.Combine(_dir, "state"), "--print-alerts",
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={_broker.Port}", "--Mqtt:AllowInsecure=true", "--Mqtt:Gateway=gw-relay",
        ]);
        Assert.True(SpinWait.SpinUntil(() => File.Exists(SocketPath) || gateway.HasExited, s_wait), "the gateway did not listen:\n" + Tail(gateway));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SocketPath)); // 0600: only the gateway's uid

        using (var unit = CaptureRelayForwarder.Connect(SocketPath))
        {
            // Another uid: the mode is opened up so that the connection reaches the gateway's SO_PEERCRED check.
            File.SetUnixFileMode(_dir, (UnixFileMode)0x1ED); // 0755
            File.SetUnixFileMode(SocketPath, (UnixFileMode)0x1B6); // 0666
            var strangers = ChildProcess.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--", "/usr/bin/python3", "-c", Strangers, SocketPath], s_wait);
            Assert.True(strangers.ExitCode == 0, "the stranger could not connect: " + strangers.Stderr);
            Assert.Equal("20", strangers.Stdout.Trim()); // each one closed on it, none served
            using (var second = CaptureRelayForwarder.Connect(SocketPath))
            {
                second.Send(Frames()); // a valid-looking second feed: refused before a byte is read
                Wait(() => LinkFaults("duplicate_link") >= 1, "duplicate_link journaled", gateway);
            }

            unit.Send(Frames());
            Assert.True(gateway.WaitForStdout(IsNew("drone_incursion"), s_wait), "no drone_incursion from the capture unit:\n" + Tail(gateway));
            Wait(() => LinkFaults("unauthenticated_link") >= 1, "unauthenticated_link journaled", gateway);
        }

        Wait(() => Health("capture_unit_gone") >= 1, "the sensor faulted when the capture unit went", gateway);
        Assert.True(gateway.WaitForStdout(l => IsNew("sensor_fault")(l) && l.Contains("capture_unit_gone", StringComparison.Ordinal), s_wait), "no sensor_fault for the gone capture unit:\n" + Tail(gateway));
        using (var garbage = CaptureRelayForwarder.Connect(SocketPath))
        {
            garbage.Send(new byte[CaptureRelayFrame.HeaderLength]); // our uid, but not a frame
            Wait(() => LinkFaults("malformed_capture_frame") >= 1, "malformed_capture_frame journaled", gateway);
        }

        using (var back = CaptureRelayForwarder.Connect(SocketPath))
        {
            back.Send(Frames());
            Wait(() => Health("capture_unit_back") >= 1, "the fault ended when the capture unit returned", gateway);
        }

        var incursions = gateway.Stdout.Where(IsNew("drone_incursion")).ToList();
        Assert.True(incursions.Count == 1, "the attacks raised a drone of their own:\n" + string.Join('\n', gateway.Stdout)); // one drone, one alert
        Assert.DoesNotContain(gateway.Stderr, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        gateway.Signal(15);
        Assert.True(gateway.WaitForExit(s_wait), "gateway did not stop on SIGTERM");
        Assert.Equal(0, gateway.ExitCode);
    }

    /// <summary>Twenty connections from this (other) uid, each sending a frame header; prints how many were closed on it.</summary>
    private const string Strangers = """
        import socket, sys
        closed = 0
        for i in range(20):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(sys.argv[1])
            s.settimeout(30)
            try:
                s.sendall(bytes.fromhex("ca97007f00000010") + bytes(8) + bytes(16))
                closed += s.recv(1) == b""
            except OSError:
                closed += 1
            s.close()
        print(closed)
        """;

    private static Func<string, bool> IsNew(string kind) => line =>
        line.Contains("\"type\":\"new\"", StringComparison.Ordinal) && line.Contains($"\"kind\":\"{kind}\"", StringComparison.Ordinal);

    private static string Tail(ChildProcess gateway) => string.Join('\n', gateway.Stderr.TakeLast(20));

    private static void Wait(Func<bool> condition, string what, ChildProcess gateway) =>
        Assert.True(SpinWait.SpinUntil(condition, s_wait), $"timed out waiting for: {what}\n" + Tail(gateway));

    /// <summary>The Remote ID capture's packets, framed as the capture unit forwards them.</summary>
    private static byte[] Frames()
    {
        using var stream = File.OpenRead(Path.Combine(RepoPaths.Root, "tests", "vectors", "captures", Capture));
        var reader = new CaptureFileReader(stream);
        var frames = new MemoryStream();
        var frame = new byte[CaptureRelayFrame.HeaderLength + CaptureRelayFrame.MaxData];
        while (reader.TryRead(out var p))
        {
            frames.Write(frame, 0, CaptureRelayFrame.Write(frame, p.LinkType, DateTimeOffset.UtcNow, p.Data));
        }

        return frames.ToArray();
    }

    /// <summary>Journaled link attacks on the sensor with <paramref name="reason"/> (health events that leave its status alone).</summary>
    private long LinkFaults(string reason) => Health(reason);

    /// <summary>Journaled health events of the sensor with <paramref name="reason"/>.</summary>
    private long Health(string reason)
    {
        if (!File.Exists(JournalPath))
        {
            return 0;
        }

        using var c = new SqliteConnection($"Data Source={JournalPath};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM journal WHERE type = 'event' AND kind = 'sensor_health' AND sensor = 'rid-air' AND payload LIKE '%\"reason\":\"{reason}\"%';";
        return (long)cmd.ExecuteScalar()!;
    }
}
