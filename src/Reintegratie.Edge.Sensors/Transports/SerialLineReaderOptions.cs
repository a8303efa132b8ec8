namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>How a <see cref="SerialLineReader"/> opens its port and frames its lines.</summary>
public sealed class SerialLineReaderOptions
{
    /// <summary>Device path (/dev/ttyUSB0, /dev/ttyAMA0, a pty slave or a symlink to one).</summary>
    public string Port { get; set; } = string.Empty;

    /// <summary>Baud rate (8N1).</summary>
    public int Baud { get; set; } = 115200;

    /// <summary>Which code reads the port.</summary>
    public SerialDriver Driver { get; set; } = SerialDriver.Tty;

    /// <summary>Longest accepted line in bytes, terminator excluded.</summary>
    public int MaxLineBytes { get; set; } = 512;

    /// <summary>First reconnect delay ceiling.</summary>
    public TimeSpan ReconnectBase { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Largest reconnect delay ceiling.</summary>
    public TimeSpan ReconnectCap { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an open port's device path is checked for presence (a pulled USB adapter removes it).</summary>
    public TimeSpan PresenceCheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
