using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.Gsm;

/// <summary>
/// A GSM umbrella sensor's transport and behaviour, bound from its <c>Site:Sensors:N</c> section (beside the common
/// <see cref="Core.Site.SensorOptions"/> keys). A sensor is attached either over TCP (<see cref="Listen"/>) or over a
/// serial line (<see cref="Port"/>), never both. Several sensors may share one <see cref="Listen"/> address: each JSON
/// line names its sensor in the <c>sensor</c> field.
/// </summary>
public sealed class GsmOptions
{
    /// <summary>Default serial baud rate (9600 8N1; check the umbrella controller's manual and set <see cref="Baud"/>).</summary>
    public const int DefaultBaud = 9600;

    /// <summary>Where the gateway listens for umbrella clients, <c>host:port</c> (IPv6 as <c>[::1]:4100</c>); required unless <see cref="Port"/> is set.</summary>
    public string Listen { get; set; } = string.Empty;

    /// <summary>Serial device path of a serially attached umbrella (e.g. <c>/dev/reintegratie/gsm-1</c>); excludes <see cref="Listen"/>.</summary>
    public string Port { get; set; } = string.Empty;

    /// <summary>Serial baud rate (8N1), used with <see cref="Port"/>.</summary>
    public int Baud { get; set; } = DefaultBaud;

    /// <summary>Which code reads the serial port (key <c>SerialDriver</c>: Tty or SystemIoPorts), used with <see cref="Port"/>.</summary>
    public SerialDriver SerialDriver { get; set; } = SerialDriver.Tty;

    /// <summary>Longest accepted line in bytes (including nothing of the line terminator); longer lines are counted and skipped.</summary>
    public int MaxLineBytes { get; set; } = 4096;

    /// <summary>A handset is "new in zone" when its pseudonym was not seen in that zone within this many minutes.</summary>
    public double NoveltyWindowMinutes { get; set; } = 1440;

    /// <summary>A line time further than this from the gateway clock is replaced by the receive time (a wrong umbrella clock must not move events).</summary>
    public double MaxClockSkewSeconds { get; set; } = 300;
}
