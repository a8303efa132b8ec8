using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Cli.Commands.Doctor;

namespace Reintegratie.Edge.Cli.Tests.Doctor;

/// <summary>The live-capture checks on a fake sysfs tree and a fake unit directory holding the shipped units.</summary>
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
    public void Run_MonitorInterfaceAndTheShippedWifiCaptureUnitEnabled_AllPass()
    {
        Interface("wlan1", "803");
        InstallUnits(enable: "reintegratie-edge-capture-wifi@wlan1.service");

        var results = CaptureChecks.Run(Config(("Format", "pcap"), ("Interface", "wlan1")), _probes).ToList();

        Assert.Equal(5, results.Count); // gateway unprivileged, interface, CAP_NET_RAW, CAP_NET_ADMIN (hopping), iw
        Assert.All(results, r => Assert.Equal(CheckStatus.Pass, r.Status));
        Assert.Contains(results, r => r.Message.Contains("holds no capture privilege", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_ManagedModeInterface_FailsWithTheIwCommands()
    {
        Interface("wlan1", "1");
        InstallUnits(enable: "reintegratie-edge-capture-wifi@wlan1.service");

        var result = CaptureChecks.Run(Config(("Format", "pcap"), ("Interface", "wlan1"), ("Channels", "none")), _probes).ToList()[1];

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("not in monitor mode (type 1", result.Message, StringComparison.Ordinal);
        Assert.Contains("iw dev wlan1 set type monitor", result.Fix!, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InterfaceMissing_FailNamingTheKey()
    {
        InstallUnits(enable: "reintegratie-edge-capture-wifi@wlan1.service");

        var result = CaptureChecks.Run(Config(("Format", "pcap"), ("Interface", "wlan1")), _probes).ToList()[1];

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("Site:Sensors:0:Interface", result.Fix!, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CaptureUnitInstalledButNotEnabled_FailsWithTheEnableCommand()
    {
        Interface("wlan1", "803");
        InstallUnits();

        var unit = CaptureChecks.Run(Config(("Format", "pcap"), ("Interface", "wlan1"), ("Channels", "none")), _probes).ToList()[2];

        Assert.Equal(CheckStatus.Fail, unit.Status);
        Assert.Contains("reintegratie-edge-capture-wifi@wlan1.service is not enabled", unit.Message, StringComparison.Ordinal);
        Assert.Equal("systemctl enable --now reintegratie-edge-capture-wifi@wlan1.service", unit.Fix);
    }

    [Fact]
    public void Run_GatewayUnitOnlyWithoutCaptureUnits_FailsNamingTheMissingUnit()
    {
        Interface("wlan1", "803");
        InstallUnits(captureUnits: false);

        var unit = CaptureChecks.Run(Config(("Format", "pcap"), ("Interface", "wlan1"), ("Channels", "none")), _probes).ToList()[2];

        Assert.Equal(CheckStatus.Fail, unit.Status);
        Assert.Contains("reintegratie-edge-capture-wifi@.service is not installed", unit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OldLiveCaptureDropInOnTheGateway_WarnsToRemoveIt()
    {
        Interface("wlan1", "803");
        InstallUnits(enable: "reintegratie-edge-capture-wifi@wlan1.service");
        File.WriteAllText(Path.Combine(Units, "reintegratie-edge.service.d", "live-capture-wifi.conf"), "[Service]\nAmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN\n");

        var gateway = CaptureChecks.Run(Config(("Format", "pcap"), ("Interface", "wlan1")), _probes).First();

        Assert.Equal(CheckStatus.Warn, gateway.Status);
        Assert.Contains("live-capture-*.conf", gateway.Fix!, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HciPresentWithTheBluetoothCaptureUnit_PassAndSaysLongRange_AndMissingControllerFails()
    {
        Directory.CreateDirectory(Path.Combine(Sys, "class", "bluetooth", "hci0"));
        InstallUnits(enable: "reintegratie-edge-capture-bluetooth@hci0.service");
        var probes = _probes with { BluetoothScan = _ => (true, "extended scanning on LE 1M and LE Coded") };

        var present = CaptureChecks.Run(Config(("Format", "hci"), ("Interface", "hci0")), probes).ToList();
        var missing = CaptureChecks.Run(Config(("Format", "hci"), ("Interface", "hci1")), probes).ToList()[1];

        Assert.All(present, r => Assert.Equal(CheckStatus.Pass, r.Status));
        Assert.Equal(4, present.Count); // gateway unprivileged, controller, capture unit, Long Range
        Assert.Contains("LE Coded", present[3].Message, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Fail, missing.Status);
        Assert.Contains("hci1", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ControllerWithoutCodedPhy_WarnsThatLongRangeIsNotHeard()
    {
        Directory.CreateDirectory(Path.Combine(Sys, "class", "bluetooth", "hci0"));
        InstallUnits(enable: "reintegratie-edge-capture-bluetooth@hci0.service");
        var probes = _probes with { BluetoothScan = _ => (false, "legacy scanning: the controller has no LE Coded PHY") };

        var longRange = CaptureChecks.Run(Config(("Format", "hci"), ("Interface", "hci0")), probes).Last();

        Assert.Equal(CheckStatus.Warn, longRange.Status);
        Assert.Contains("no LE Coded PHY", longRange.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoUnitInstalled_WarnsThatTheCaptureUnitIsNeeded()
    {
        Directory.CreateDirectory(Path.Combine(Sys, "class", "bluetooth", "hci0"));
        var probes = _probes with { BluetoothScan = _ => throw new IOException("Operation not permitted (errno 1)") };

        var results = CaptureChecks.Run(Config(("Format", "hci"), ("Interface", "hci0")), probes).ToList();

        Assert.Equal(CheckStatus.Warn, results[2].Status);
        Assert.Contains("reintegratie-edge-capture-bluetooth@hci0.service", results[2].Message, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Warn, results[3].Status);
        Assert.Contains("as root", results[3].Fix!, StringComparison.Ordinal);
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

    private void InstallUnits(bool captureUnits = true, string? enable = null)
    {
        var shipped = Path.Combine(RepoRoot(), "deploy", "systemd");
        File.Copy(Path.Combine(shipped, "reintegratie-edge.service"), Path.Combine(Units, "reintegratie-edge.service"));
        Directory.CreateDirectory(Path.Combine(Units, "reintegratie-edge.service.d"));
        if (captureUnits)
        {
            foreach (var kind in new[] { "wifi", "bluetooth" })
            {
                var name = $"reintegratie-edge-capture-{kind}@.service";
                File.Copy(Path.Combine(shipped, name), Path.Combine(Units, name));
            }
        }

        if (enable is not null)
        {
            var wants = Directory.CreateDirectory(Path.Combine(Units, "reintegratie-edge.service.wants")).FullName;
            File.CreateSymbolicLink(Path.Combine(wants, enable), "../" + enable[..(enable.IndexOf('@', StringComparison.Ordinal) + 1)] + ".service");
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
