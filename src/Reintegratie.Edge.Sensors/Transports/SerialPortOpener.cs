using System.IO.Ports;

namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>Opens a serial port by device path (8N1, raw, no handshake) and returns its stream; disposing it closes the port.</summary>
/// <remarks>
/// By default the stream is our own <see cref="TtyStream"/>, not System.IO.Ports: SerialPort's Unix reader thread polls
/// the device every millisecond while a read is pending and completes each read on the thread pool, which at 1k
/// frames/s cost about 4% of a core on that thread plus a thread-pool wake-up per read. <see cref="TtyStream"/> sleeps
/// in poll(2) until data arrives and completes the read on its own thread. <see cref="SerialDriver.SystemIoPorts"/>
/// stays available per sensor for adapters whose kernel driver misbehaves with the raw termios setup.
/// </remarks>
public static class SerialPortOpener
{
    /// <summary>
    /// Opens <paramref name="path"/> at <paramref name="baud"/> with <paramref name="driver"/>. Throws (IOException,
    /// FileNotFoundException, UnauthorizedAccessException, ArgumentOutOfRangeException for a rate the driver cannot
    /// set) when it cannot.
    /// </summary>
    public static Stream Open(string path, int baud, SerialDriver driver = SerialDriver.Tty) => driver switch
    {
        SerialDriver.Tty => TtyStream.Open(path, baud),
        SerialDriver.SystemIoPorts => OpenSystemIoPorts(path, baud),
        _ => throw new ArgumentOutOfRangeException(nameof(driver), driver, "unknown serial driver"),
    };

    private static SystemIoPortsStream OpenSystemIoPorts(string path, int baud)
    {
        // SerialPort reports a missing device as "access denied" (UnauthorizedAccessException over ENOENT): say what it is.
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"serial device {path} does not exist", path);
        }

        // SerialPort resolves the name as given, so a symlink (udev by-id, the simulator's stable pty link) works.
        var port = new SerialPort(path, baud, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = 1000,
        };
        try
        {
            port.Open();
            return new SystemIoPortsStream(port);
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }
}
