using Microsoft.Extensions.Configuration;

namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>
/// Live Remote ID capture (<c>Format: pcap</c> with <c>Interface</c>, <c>Format: hci</c>): the interface exists, a Wi-Fi
/// interface is in monitor mode (<c>/sys/class/net/IF/type</c> 803, ARPHRD_IEEE80211_RADIOTAP), the Bluetooth controller
/// is there (<c>/sys/class/bluetooth/hciN</c>) and whether it hears Long Range; the capture unit of the interface
/// (<c>reintegratie-edge-capture-wifi@IF</c> or <c>-bluetooth@IF</c>) is installed, enabled and grants the capture
/// privilege (CAP_NET_RAW, and CAP_NET_ADMIN plus <c>iw</c> when it hops channels; no private user namespace; the socket
/// family allowed), while the gateway's own unit holds none.
/// </summary>
public static class CaptureChecks
{
    private const string Service = "reintegratie-edge";
    private const string MonitorType = "803";

    /// <summary>Runs the checks for every enabled live Remote ID source.</summary>
    public static IEnumerable<CheckResult> Run(IConfiguration configuration, DoctorProbes probes)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(probes);
        UnitSettings? gateway = null;
        foreach (var s in configuration.GetSection("Site:Sensors").GetChildren())
        {
            var format = s["Format"] ?? string.Empty;
            var iface = s["Interface"]?.Trim() ?? string.Empty;
            if (!string.Equals(s["Family"], "RemoteId", StringComparison.OrdinalIgnoreCase) || iface.Length == 0
                || string.Equals(s["Enabled"], "false", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (gateway is null)
            {
                gateway = UnitSettings.Read(probes.UnitDirectory, Service);
                yield return GatewayUnprivileged(gateway);
            }

            var id = s["Id"] ?? s.Key;
            if (string.Equals(format, "hci", StringComparison.OrdinalIgnoreCase))
            {
                var present = Bluetooth(probes.SysRoot, iface, id, s.Path);
                yield return present;
                yield return CaptureUnit(probes.UnitDirectory, gateway.Found, "bluetooth", iface, id, "CAP_NET_RAW", "AF_BLUETOOTH");
                if (present.Status == CheckStatus.Pass)
                {
                    yield return LongRange(probes, iface, id);
                }

                continue;
            }

            yield return Wifi(probes.SysRoot, iface, id, s.Path);
            var hops = !string.Equals(s["Channels"]?.Trim(), "none", StringComparison.OrdinalIgnoreCase);
            yield return CaptureUnit(probes.UnitDirectory, gateway.Found, "wifi", iface, id, "CAP_NET_RAW", "AF_PACKET");
            if (hops)
            {
                yield return CaptureUnit(probes.UnitDirectory, gateway.Found, "wifi", iface, id, "CAP_NET_ADMIN", "AF_NETLINK");
                yield return File.Exists(probes.IwPath)
                    ? CheckResult.Pass("capture", $"{probes.IwPath} is there to hop sensor {id}'s channels")
                    : CheckResult.Fail("capture", $"{probes.IwPath} is missing: sensor {id} cannot hop channels", "apt-get install iw (or set Channels to none and tune the interface yourself)");
            }
        }
    }

    private static CheckResult Wifi(string sysRoot, string iface, string id, string key)
    {
        var dir = Path.Combine(sysRoot, "class", "net", iface);
        if (!Directory.Exists(dir))
        {
            return CheckResult.Fail("capture", $"Wi-Fi interface {iface} for sensor {id} does not exist",
                $"plug in the USB Wi-Fi adapter and check `ip link`, or correct {key}:Interface");
        }

        var typeFile = Path.Combine(dir, "type");
        var type = File.Exists(typeFile) ? File.ReadAllText(typeFile).Trim() : "?";
        return type == MonitorType
            ? CheckResult.Pass("capture", $"Wi-Fi interface {iface} for sensor {id} is in monitor mode")
            : CheckResult.Fail("capture", $"Wi-Fi interface {iface} for sensor {id} is not in monitor mode (type {type}, monitor is {MonitorType})",
                $"ip link set {iface} down && iw dev {iface} set type monitor && ip link set {iface} up (make it permanent with a systemd-networkd .link/.network or an udev rule)");
    }

    private static CheckResult Bluetooth(string sysRoot, string iface, string id, string key) =>
        Directory.Exists(Path.Combine(sysRoot, "class", "bluetooth", iface))
            ? CheckResult.Pass("capture", $"Bluetooth controller {iface} for sensor {id} is present")
            : CheckResult.Fail("capture", $"Bluetooth controller {iface} for sensor {id} is missing",
                $"enable Bluetooth (remove dtoverlay=disable-bt, systemctl enable --now hciuart on a Pi) and check `ls /sys/class/bluetooth`, or correct {key}:Interface");

    /// <summary>Long Range needs a controller with LE Coded PHY: say which this one is (a warning, not a failure: BT4 still works).</summary>
    private static CheckResult LongRange(DoctorProbes probes, string iface, string id)
    {
        var device = int.Parse(iface.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var (longRange, scanMode) = probes.BluetoothScan(device);
            return longRange
                ? CheckResult.Pass("capture", $"Bluetooth controller {iface} for sensor {id}: {scanMode}")
                : CheckResult.Warn("capture", $"Bluetooth controller {iface} for sensor {id}: {scanMode}",
                    "for Bluetooth 5 Long Range Remote ID use a controller with LE Coded PHY (hardware/remote-id-receivers.md)");
        }
        catch (IOException ex)
        {
            return CheckResult.Warn("capture", $"Could not ask Bluetooth controller {iface} whether it hears Long Range: {ex.Message}",
                "run edgectl doctor as root (the question needs CAP_NET_RAW)");
        }
    }

    /// <summary>The gateway holds no capture privilege: a live-capture drop-in of an older release is left over.</summary>
    private static CheckResult GatewayUnprivileged(UnitSettings gateway) =>
        !gateway.Found || (!gateway.HasAmbient("CAP_NET_RAW") && !gateway.HasAmbient("CAP_NET_ADMIN"))
            ? CheckResult.Pass("capture", $"The {Service} unit holds no capture privilege (the capture units do)")
            : CheckResult.Warn("capture", $"The {Service} unit still grants CAP_NET_RAW/CAP_NET_ADMIN (an old live-capture drop-in in {Service}.service.d)",
                $"rm /etc/systemd/system/{Service}.service.d/live-capture-*.conf && systemctl daemon-reload && systemctl restart {Service}");

    private static CheckResult CaptureUnit(string unitDirectory, bool gatewayInstalled, string kind, string iface, string id, string capability, string family)
    {
        var template = $"{Service}-capture-{kind}@";
        var instance = $"{template}{iface}.service";
        var enable = $"systemctl enable --now {instance}";
        var unit = UnitSettings.Read(unitDirectory, template);
        if (!unit.Found)
        {
            return gatewayInstalled
                ? CheckResult.Fail("capture", $"The capture unit {template}.service is not installed: sensor {id} hears nothing",
                    $"run deploy/install.sh of this release (it installs and enables the capture units), or copy /opt/{Service}/current/deploy/systemd/{template}.service to /etc/systemd/system/ and {enable}")
                : CheckResult.Warn("capture", $"The {Service} units are not installed here: sensor {id} needs the capture unit {instance}",
                    $"install with deploy/install.sh, or run the capture by hand as root: {Service} --config FILE --capture {iface}");
        }

        var missing = new List<string>();
        if (!File.Exists(Path.Combine(unitDirectory, $"{Service}.service.wants", instance)))
        {
            missing.Add($"{instance} is not enabled");
        }

        if (!unit.HasAmbient(capability))
        {
            missing.Add($"AmbientCapabilities lacks {capability}");
        }

        if (unit.PrivateUsers)
        {
            missing.Add("PrivateUsers=yes (a capability in a private user namespace does not reach the host's network)");
        }

        if (!unit.AllowsFamily(family))
        {
            missing.Add($"RestrictAddressFamilies does not allow {family}");
        }

        return missing.Count == 0
            ? CheckResult.Pass("capture", $"The capture unit {instance} is enabled and grants sensor {id} {capability} and {family} sockets")
            : CheckResult.Fail("capture", $"The capture unit does not let sensor {id} capture: {string.Join("; ", missing)}", enable);
    }
}
