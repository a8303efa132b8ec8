using Reintegratie.Edge.IntegrationTests.Infrastructure;

namespace Reintegratie.Edge.IntegrationTests.Gateway;

/// <summary>
/// The real gateway process: --version, --check-config and the exit 78 contract. Run against the JIT build
/// (JitGatewayCommandLineTests) and the NativeAOT build (Aot.AotGatewayCommandLineTests):
/// the key schema reads options classes by reflection, which the AOT build keeps only for the classes it is told of.
/// </summary>
public abstract class GatewayCommandLineTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-cli-").FullName;

    /// <summary>The reintegratie-edge executable under test.</summary>
    protected abstract string Gateway { get; }

    /// <summary>The edgectl executable under test.</summary>
    protected abstract string Edgectl { get; }

    [Fact]
    public void Version_PrintsNameAndVersion_ExitZero()
    {
        var (code, stdout, _) = ChildProcess.Run(Gateway, ["--version"], s_timeout);

        Assert.Equal(0, code);
        Assert.StartsWith("reintegratie-edge ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_UnknownAdjacentZone_Exit78NamingTheKey()
    {
        var config = Write("bad.json", """{"Site":{"Name":"t","Zones":[{"Id":"Z1","Adjacent":["Z9"]}]}}""");

        var (code, _, stderr) = ChildProcess.Run(Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.Equal(78, code);
        Assert.Contains("Site:Zones:0:Adjacent:0", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_WrongTypeForAKey_Exit78NamingTheKey()
    {
        var config = Write("type.json", """{"Site":{"Name":"t","Zones":[{"Id":"Z1"}]},"Pipeline":{"Capacity":"many"}}""");

        var (code, _, stderr) = ChildProcess.Run(Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.Equal(78, code);
        Assert.Contains("Pipeline:Capacity", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_MissingConfigFile_Exit78()
    {
        var (code, _, stderr) = ChildProcess.Run(Gateway, ["--check-config", "--config", Path.Combine(_dir, "nope.json"), "--state-dir", _dir], s_timeout);

        Assert.Equal(78, code);
        Assert.Contains("nope.json", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_SimulateDefault_ValidWithTheScenariosSensors()
    {
        var (code, stdout, stderr) = ChildProcess.Run(Gateway, ["--check-config", "--simulate", "default", "--state-dir", _dir], s_timeout);

        Assert.True(code == 0, stderr);
        Assert.Contains("configuration valid", stdout, StringComparison.Ordinal);
        Assert.Contains("broker embedded", stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir, "simulation"));
    }

    [Fact]
    public void CheckConfig_ValidSite_ExitZero()
    {
        var config = Write("good.json", Site(mqtt: """{"Embedded":true}"""));

        var (code, stdout, stderr) = ChildProcess.Run(Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.True(code == 0, stderr);
        Assert.Contains("configuration valid", stdout, StringComparison.Ordinal);
        Assert.Contains("broker embedded", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_CommandKeysByKeyId_AcceptedByTheKeyChecker()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var pub = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        var config = Write("keys.json", Site(mqtt: """{"Embedded":true,"Commands":{"MaxSkewSeconds":60,"Keys":{"anna":{"PublicKey":"PUB","Verbs":["ack","bypass"]},"console-2":{"PublicKey":"PUB","Verbs":["resync"]}}}}""".Replace("PUB", pub, StringComparison.Ordinal)));

        var (code, _, stderr) = ChildProcess.Run(Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.True(code == 0, stderr);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void CheckConfig_MqttClientKeyReadableByOthers_Exit78NamingTheKey()
    {
        var ca = Write("ca.pem", "ca");
        var cert = Write("client.pem", "cert");
        var key = Write("client.key", "key");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var mqtt = $$$"""{"Host":"broker.example","Port":8883,"Tls":{"CaFile":"{{{ca}}}","CertFile":"{{{cert}}}","KeyFile":"{{{key}}}"}}""";
        var config = Write("keymode.json", Site(mqtt: mqtt));

        var (code, _, stderr) = ChildProcess.Run(Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.Equal(78, code);
        Assert.Contains("Mqtt:Tls:KeyFile", stderr, StringComparison.Ordinal);
        Assert.Contains("group or others", stderr, StringComparison.Ordinal);

        // The same key, private to its owner, passes this check (whatever else the configuration says).
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var (_, _, after) = ChildProcess.Run(Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);
        Assert.DoesNotContain("Mqtt:Tls:KeyFile", after, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_FailoverHosts_Accepted()
    {
        var config = Write("failover.json", Site(mqtt: """{"Host":"127.0.0.1","Port":1884,"AllowInsecure":true,"FailoverHosts":["127.0.0.1:1885","localhost"]}"""));

        var (code, stdout, stderr) = ChildProcess.Run(Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.True(code == 0, stderr);
        Assert.Contains("configuration valid", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Embedded":true,"Commands":{"Keys":{"anna":{"PublicKey":"bm9wZQ==","Verbs":["ack"]}}}}""", "Mqtt:Commands:Keys:anna:PublicKey")]
    [InlineData("""{"Embedded":true,"Commands":{"Keys":{"anna":{"PublicKy":"x"}}}}""", "Mqtt:Commands:Keys:anna:PublicKy: unknown key; did you mean Mqtt:Commands:Keys:anna:PublicKey?")]
    [InlineData("""{"Embedded":true,"Port":"abc"}""", "Mqtt:Port: 'abc' is not valid; expected a whole number")]
    [InlineData("""{"Embedded":"yes"}""", "Mqtt:Embedded: 'yes' is not valid; expected true or false")]
    [InlineData("""{"Embedded":true,"Prt":1883}""", "Mqtt:Prt: unknown key; did you mean Mqtt:Port?")]
    [InlineData("""{"Hots":"broker.biv.local"}""", "Mqtt:Hots: unknown key; did you mean Mqtt:Host?")]
    [InlineData("""{"Embedded":true,"Tls":{"CaFiel":"/x"}}""", "Mqtt:Tls:CaFiel: unknown key; did you mean Mqtt:Tls:CaFile?")]
    [InlineData("""{}""", "Mqtt:Host: is required")]
    [InlineData("""{"Embedded":true,"Host":"broker.biv.local"}""", "Mqtt:Embedded: is true but Mqtt:Host is 'broker.biv.local'")]
    [InlineData("""{"Host":"127.0.0.1","AllowInsecure":true,"FailoverHost":["127.0.0.1:1884"]}""", "Mqtt:FailoverHost: unknown key; did you mean Mqtt:FailoverHosts?")]
    [InlineData("""{"Host":"127.0.0.1","AllowInsecure":true,"FailoverHosts":["127.0.0.1:1884","rabbit-3:x"]}""", "Mqtt:FailoverHosts:1: expected host or host:port")]
    [InlineData("""{"Host":"127.0.0.1","FailoverHosts":["rabbit-2.biv.local"]}""", "Mqtt:AllowInsecure")]
    public void CheckConfig_BadMqttSection_Exit78WithOneLineNamingTheKey(string mqtt, string expected)
    {
        var config = Write("mqtt.json", Site(mqtt));

        var (code, stdout, stderr) = ChildProcess.Run(Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.Equal(78, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_UnknownSensorKey_Exit78NamingTheNearestKeyOfItsFamily()
    {
        var config = Write("sensor.json", Site(mqtt: """{"Embedded":true}""", sensor: """{"Id":"f1","Family":"Perimeter","Zone":"Z1","Line":4,"Debounce":50}"""));

        var (code, _, stderr) = ChildProcess.Run(Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.Equal(78, code);
        Assert.Contains("Site:Sensors:0:Debounce: unknown key; did you mean Site:Sensors:0:DebounceMs?", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Id":"r1","Family":"RemoteId","Zone":"Z1","Format":"mavlink","Port":"/dev/ttyUSB0","Baud":57600}""", 0, "configuration valid")]
    [InlineData("""{"Id":"r1","Family":"RemoteId","Zone":"Z1","Format":"pcap","Capture":"/var/lib/reintegratie-edge/incident.pcapng"}""", 0, "configuration valid")]
    [InlineData("""{"Id":"r1","Family":"RemoteId","Zone":"Z1","Format":"pcap","Captrue":"/x.pcap"}""", 78, "Site:Sensors:0:Captrue: unknown key; did you mean Site:Sensors:0:Capture?")]
    [InlineData("""{"Id":"r1","Family":"RemoteId","Zone":"Z1","Format":"nmea","Port":"/dev/ttyUSB0"}""", 78, "Site:Sensors:0:Format")]
    [InlineData("""{"Id":"r1","Family":"RemoteId","Zone":"Z1","Format":"pcap","Interface":"wlan1","Channels":"6,149","DwellMs":250,"NewTracksPerSecond":5,"NewTrackBurst":20,"RangeM":800,"Position":{"Lat":51.0,"Lon":5.87}}""", 0, "configuration valid")]
    [InlineData("""{"Id":"r1","Family":"RemoteId","Zone":"Z1","Format":"hci","Interface":"hci0"}""", 0, "configuration valid")]
    [InlineData("""{"Id":"r1","Family":"RemoteId","Zone":"Z1","Format":"hci","Interface":"wlan0"}""", 78, "Site:Sensors:0:Interface")]
    [InlineData("""{"Id":"r1","Family":"RemoteId","Zone":"Z1","Format":"pcap","Interface":"wlan1","Channels":"6,999"}""", 78, "Site:Sensors:0:Channels")]
    [InlineData("""{"Id":"r1","Family":"RemoteId","Zone":"Z1","Port":"/dev/ttyUSB0","NewTrackBurst":0}""", 78, "Site:Sensors:0:NewTrackBurst")]
    [InlineData("""{"Id":"r1","Family":"RemoteId","Zone":"Z1","Port":"/dev/ttyUSB0","RangeMeters":500}""", 78, "Site:Sensors:0:RangeMeters: unknown key")]
    public void CheckConfig_RemoteIdFormats_NewKeysAcceptedTyposNamed(string sensor, int expectedCode, string expected)
    {
        var config = Write("rid.json", Site(mqtt: """{"Embedded":true}""", sensor: sensor));

        var (code, stdout, stderr) = ChildProcess.Run(Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.True(expectedCode == code, stderr);
        Assert.Contains(expected, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_NoSensors_Exit78NamingSensors()
    {
        var config = Write("empty.json", """{"Mqtt":{"Embedded":true},"Site":{"Name":"t","Zones":[{"Id":"Z1"}]}}""");

        var (code, _, stderr) = ChildProcess.Run(Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.Equal(78, code);
        Assert.Contains("Site:Sensors: no sensors configured", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_SensorInAZoneThatDoesNotExist_Exit78NamingTheZone()
    {
        var config = Write("zone.json", Site(mqtt: """{"Embedded":true}""", sensor: """{"Id":"f1","Family":"Perimeter","Zone":"Z9","Line":4}"""));

        var (code, _, stderr) = ChildProcess.Run(Gateway, ["--check-config", "--config", config, "--state-dir", _dir], s_timeout);

        Assert.Equal(78, code);
        Assert.Contains("Site:Sensors:0:Zone: unknown zone 'Z9'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EmbeddedBrokerPortInUse_Exit78WithOneLine()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var config = Write("busy.json", Site(mqtt: $$"""{"Embedded":true,"Port":{{port}}}""", sensor: """{"Id":"f1","Family":"Perimeter","Zone":"Z1","Line":4,"Driver":"simulated"}"""));

        var (code, _, stderr) = ChildProcess.Run(Gateway, ["--config", config, "--state-dir", _dir], s_timeout);

        Assert.Equal(78, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("error", StringComparison.OrdinalIgnoreCase));
        Assert.Contains($"Mqtt:Port: the embedded broker cannot listen on 127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_TypoAndWrongType_Exit78NamingTheKey()
    {
        var typo = Write("doctor-typo.json", Site(mqtt: """{"Host":"127.0.0.1","Prt":1883}"""));
        var type = Write("doctor-type.json", Site(mqtt: """{"Host":"127.0.0.1","Port":"abc"}"""));

        var (typoCode, typoOut, _) = ChildProcess.Run(Edgectl, ["doctor", "--config", typo], s_timeout);
        var (typeCode, typeOut, _) = ChildProcess.Run(Edgectl, ["doctor", "--config", type], s_timeout);

        Assert.Equal(78, typoCode);
        Assert.Contains("Mqtt:Prt", typoOut, StringComparison.Ordinal);
        Assert.Contains("did you mean Mqtt:Port?", typoOut, StringComparison.Ordinal);
        Assert.Equal(78, typeCode);
        Assert.Contains("Mqtt:Port", typeOut, StringComparison.Ordinal);
        Assert.Contains("'abc' is not valid; expected a whole number", typeOut, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOption_ExitUsage()
    {
        var (code, _, stderr) = ChildProcess.Run(Gateway, ["--frobnicate"], s_timeout);

        Assert.Equal(64, code);
        Assert.Contains("--frobnicate", stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void StartTrace_BrokerUnreachable_EachStepInOrderUpToReady()
    {
        // A port nothing listens on: READY must not wait for the broker, so the trace reaches it all the same.
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var config = Write("trace.json", Site(mqtt: $$$"""{"Host":"127.0.0.1","Port":{{{port}}},"AllowInsecure":true}"""));
        string[] steps = ["main entered", "configuration read", "configuration keys checked", "journal: integrity_check", "journal opened", "adapters built", "pipeline and adapters started", "every hosted service started"];

        using var gateway = ChildProcess.Start(Gateway, ["--config", config, "--state-dir", _dir], new Dictionary<string, string> { ["EDGE_START_TRACE"] = "1" });
        var ready = SpinWait.SpinUntil(() => gateway.Stderr.Any(l => l.Contains(steps[^1], StringComparison.Ordinal)) || gateway.HasExited, s_timeout);

        var trace = gateway.Stderr.Where(l => l.StartsWith("start-trace +", StringComparison.Ordinal)).ToList();
        Assert.True(ready && !gateway.HasExited, string.Join('\n', gateway.Stderr.TakeLast(30)));
        var positions = steps.Select(step => trace.FindIndex(l => l.Contains(step, StringComparison.Ordinal))).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Version_WithoutStartTrace_NoTraceLines()
    {
        var (code, _, stderr) = ChildProcess.Run(Gateway, ["--version"], s_timeout);

        Assert.Equal(0, code);
        Assert.DoesNotContain("start-trace", stderr, StringComparison.Ordinal);
    }

    private static string Site(string mqtt, string sensor = """{"Id":"f1","Family":"Perimeter","Zone":"Z1","Line":4}""") =>
        $$$"""{"Mqtt":{{{mqtt}}},"Site":{"Name":"t","Zones":[{"Id":"Z1"}],"Sensors":[{{{sensor}}}]}}""";

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }
}
