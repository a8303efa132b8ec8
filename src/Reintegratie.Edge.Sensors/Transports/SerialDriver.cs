namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>Which code opens and reads a serial port (sensor key <c>SerialDriver</c>).</summary>
public enum SerialDriver
{
    /// <summary>Our <see cref="TtyStream"/>: termios raw 8N1, a per-port thread sleeping in poll(2). The default.</summary>
    Tty,

    /// <summary>
    /// System.IO.Ports' <c>SerialPort</c>: polls the device every millisecond while a read is pending (about 4% of a
    /// core per port at 1k frames/s). The fallback for an adapter whose driver misbehaves with the raw termios setup.
    /// </summary>
    SystemIoPorts,
}
