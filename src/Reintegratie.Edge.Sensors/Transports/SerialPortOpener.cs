namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>Opens a serial port by device path (8N1, raw, no handshake) and returns its stream; disposing it closes the port.</summary>
/// <remarks>
/// The stream is our own <see cref="TtyStream"/>, not System.IO.Ports: SerialPort's Unix reader thread polls the
/// device every millisecond while a read is pending and completes each read on the thread pool, which at 1k frames/s
/// cost about 4% of a core on that thread plus a thread-pool wake-up per read. <see cref="TtyStream"/> sleeps in
/// poll(2) until data arrives and completes the read on its own thread.
/// </remarks>
public static class SerialPortOpener
{
    /// <summary>
    /// Opens <paramref name="path"/> at <paramref name="baud"/>. Throws (IOException, FileNotFoundException,
    /// UnauthorizedAccessException, ArgumentOutOfRangeException for a rate outside 50..4000000) when it cannot.
    /// </summary>
    public static Stream Open(string path, int baud) => TtyStream.Open(path, baud);
}
