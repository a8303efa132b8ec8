namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>What the doctor reads from the machine; tests replace the parts they cannot set up for real.</summary>
/// <param name="Clock">Clock synchronisation.</param>
/// <param name="Time">The clock for certificate expiry.</param>
/// <param name="ServiceUser">The account the gateway runs as (device access is checked for it).</param>
/// <param name="ConnectTimeout">TCP connect and TLS handshake timeout.</param>
public sealed record DoctorProbes(IClockSyncProbe Clock, TimeProvider Time, string ServiceUser, TimeSpan ConnectTimeout)
{
    /// <summary>Where sysfs is mounted (tests point it at a fake tree: class/net/IF/type, class/bluetooth/hciN).</summary>
    public string SysRoot { get; init; } = "/sys";

    /// <summary>Where the unit and its drop-ins are installed (the capture permission is read from them).</summary>
    public string UnitDirectory { get; init; } = "/etc/systemd/system";

    /// <summary>Where <c>iw</c> is expected (channel hopping runs it).</summary>
    public string IwPath { get; init; } = "/usr/sbin/iw";

    /// <summary>
    /// Asks Bluetooth controller hciN how it would scan: Long Range (LE Coded PHY, extended scanning) or legacy, and why;
    /// throws <see cref="IOException"/> when it cannot ask (no CAP_NET_RAW: run the doctor as root).
    /// </summary>
    public Func<int, (bool LongRange, string ScanMode)> BluetoothScan { get; init; } =
        static device => Sensors.RemoteId.Capture.HciCaptureSource.Probe(device, TimeProvider.System);

    /// <summary>The real machine.</summary>
    public static DoctorProbes System => new(new AdjtimexClockProbe(), TimeProvider.System, "reintegratie-edge", TimeSpan.FromSeconds(5));
}
