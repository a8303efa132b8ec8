using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Cli.Commands.Doctor;

namespace Reintegratie.Edge.Cli.Tests.Doctor;

/// <summary>The live-capture checks on a fake sysfs tree and a fake unit directory holding the shipped unit and drop-ins.</summary>
public sealed class CaptureChecksTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("doctor-capture-").FullName;
    private readonly DoctorProbes _probes;

    public CaptureChecksTests()
    {
        Directory.CreateDirectory(Sys);
        Directory.CreateDirectory(Units);
        _probes = DoctorProbes.System with { SysRoot = Sys, UnitDirectory = Units, IwPath = Path.Combine(_root, "iw") };
        File.WriteAllText(_probes.IwPath, "#!/bin/sh\n");
    }

    private string Sys => Path.Combine(_root, "sys");

    private string Units => Path.Combine(_root, "units");

    [Fact]
    public void Run_MonitorInterfaceAndTheShippedWifiDropIn_AllPass()
    {
        Interface("wlan1", "803");
        InstallUnit("live-capture-wifi.conf");

        var results = CaptureChecks.Run(Config(("Format", "pcap"), ("Interface", "wlan1")), _probes).ToList();

        Assert.Equal(4, results.Count); // interface, CAP_NET_RAW, CAP_NET_ADMIN (hopping), iw
        Assert.All(results, r => Assert.Equal(CheckStatus.Pass, r.Status));
    }

    [Fact]
    public void Run_ManagedModeInterface_FailsWithTheIwCommands()
    {
        Interface("wlan1", "1");
        InstallUnit("live-capture-wifi.conf");

        var result = CaptureChecks.Run(Config(("Format", "pcap"), ("Interface", "wlan1"), ("Channels", "none")), _probes).First();

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("not in monitor mode (type 1", result.Message, StringComparison.Ordinal);
        Assert.Contains("iw dev wlan1 set type monitor", result.Fix!, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InterfaceMissing_FailNamingTheKey()
    {
        InstallUnit("live-capture-wifi.conf");

        var result = CaptureChecks.Run(Config(("Format", "pcap"), ("Interface", "wlan1")), _probes).First();

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("Site:Sensors:0:Interface", result.Fix!, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnitWithoutTheDropIn_FailsSayingWhatIsMissing()
    {
        Interface("wlan1", "803");
        InstallUnit();

        var permission = CaptureChecks.Run(Config(("Format", "pcap"), ("Interface", "wlan1"), ("Channels", "none")), _probes).ToList()[1];

        Assert.Equal(CheckStatus.Fail, permission.Status);
        Assert.Contains("AmbientCapabilities lacks CAP_NET_RAW", permission.Message, StringComparison.Ordinal);
        Assert.Contains("PrivateUsers=yes", permission.Message, StringComparison.Ordinal);
        Assert.Contains("does not allow AF_PACKET", permission.Message, StringComparison.Ordinal);
        Assert.Contains("live-capture-wifi.conf", permission.Fix!, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HciPresentWithTheBluetoothDropIn_Pass_AndMissingControllerFails()
    {
        Directory.CreateDirectory(Path.Combine(Sys, "class", "bluetooth", "hci0"));
        InstallUnit("live-capture-bluetooth.conf");

        var present = CaptureChecks.Run(Config(("Format", "hci"), ("Interface", "hci0")), _probes).ToList();
        var missing = CaptureChecks.Run(Config(("Format", "hci"), ("Interface", "hci1")), _probes).First();

        Assert.All(present, r => Assert.Equal(CheckStatus.Pass, r.Status));
        Assert.Equal(2, present.Count);
        Assert.Equal(CheckStatus.Fail, missing.Status);
        Assert.Contains("hci1", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoUnitInstalled_WarnsThatRootOrTheCapabilityIsNeeded()
    {
        Directory.CreateDirectory(Path.Combine(Sys, "class", "bluetooth", "hci0"));

        var permission = CaptureChecks.Run(Config(("Format", "hci"), ("Interface", "hci0")), _probes).ToList()[1];

        Assert.Equal(CheckStatus.Warn, permission.Status);
        Assert.Contains("CAP_NET_RAW", permission.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SerialOrFileSources_NoCaptureChecks()
    {
        var serial = CaptureChecks.Run(Config(("Port", "/dev/ttyUSB0")), _probes);
        var file = CaptureChecks.Run(Config(("Format", "pcap"), ("Capture", "/var/lib/x.pcap")), _probes);

        Assert.Empty(serial);
        Assert.Empty(file);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Interface(string name, string type)
    {
        var dir = Path.Combine(Sys, "class", "net", name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "type"), type + "\n");
    }

    private void InstallUnit(params string[] dropIns)
    {
        var shipped = Path.Combine(RepoRoot(), "deploy", "systemd");
        File.Copy(Path.Combine(shipped, "reintegratie-edge.service"), Path.Combine(Units, "reintegratie-edge.service"));
        var dir = Directory.CreateDirectory(Path.Combine(Units, "reintegratie-edge.service.d")).FullName;
        foreach (var d in dropIns)
        {
            File.Copy(Path.Combine(shipped, d), Path.Combine(dir, d));
        }
    }

    private static IConfiguration Config(params (string Key, string Value)[] keys)
    {
        var values = new Dictionary<string, string?>
        {
            ["Site:Sensors:0:Id"] = "rid-air",
            ["Site:Sensors:0:Family"] = "RemoteId",
        };
        foreach (var (k, v) in keys)
        {
            values[$"Site:Sensors:0:{k}"] = v;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reintegratie.Edge.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return dir.FullName;
    }
}
