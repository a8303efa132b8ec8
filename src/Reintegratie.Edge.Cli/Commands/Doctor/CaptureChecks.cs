using Microsoft.Extensions.Configuration;

namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>
/// Live Remote ID capture (<c>Format: pcap</c> with <c>Interface</c>, <c>Format: hci</c>): the interface exists, a Wi-Fi
/// interface is in monitor mode (<c>/sys/class/net/IF/type</c> 803, ARPHRD_IEEE80211_RADIOTAP), the Bluetooth controller
/// is there (<c>/sys/class/bluetooth/hciN</c>), and the installed unit lets the gateway capture (CAP_NET_RAW, and
/// CAP_NET_ADMIN plus <c>iw</c> when it hops channels; no private user namespace; the socket family allowed).
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
        UnitSettings? unit = null;
        foreach (var s in configuration.GetSection("Site:Sensors").GetChildren())
        {
            var format = s["Format"] ?? string.Empty;
            var iface = s["Interface"] ?? string.Empty;
            if (!string.Equals(s["Family"], "RemoteId", StringComparison.OrdinalIgnoreCase) || iface.Length == 0
                || string.Equals(s["Enabled"], "false", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            unit ??= UnitSettings.Read(probes.UnitDirectory, Service);
            var id = s["Id"] ?? s.Key;
            if (string.Equals(format, "hci", StringComparison.OrdinalIgnoreCase))
            {
                yield return Bluetooth(probes.SysRoot, iface, id, s.Path);
                yield return Permission(unit, id, "CAP_NET_RAW", "AF_BLUETOOTH", "live-capture-bluetooth.conf");
                continue;
            }

            yield return Wifi(probes.SysRoot, iface, id, s.Path);
            var hops = !string.Equals(s["Channels"]?.Trim(), "none", StringComparison.OrdinalIgnoreCase);
            yield return Permission(unit, id, "CAP_NET_RAW", "AF_PACKET", "live-capture-wifi.conf");
            if (hops)
            {
                yield return Permission(unit, id, "CAP_NET_ADMIN", "AF_NETLINK", "live-capture-wifi.conf");
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

    private static CheckResult Permission(UnitSettings unit, string id, string capability, string family, string dropIn)
    {
        var fix = $"cp /opt/{Service}/current/deploy/systemd/{dropIn} /etc/systemd/system/{Service}.service.d/ && systemctl daemon-reload && systemctl restart {Service}";
        if (!unit.Found)
        {
            return CheckResult.Warn("capture", $"The {Service} unit is not installed here: sensor {id} needs {capability} (a gateway run by hand needs root)", fix);
        }

        var missing = new List<string>();
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
            ? CheckResult.Pass("capture", $"The unit grants sensor {id} {capability} and {family} sockets")
            : CheckResult.Fail("capture", $"The unit does not let sensor {id} capture: {string.Join("; ", missing)}", fix);
    }
}
