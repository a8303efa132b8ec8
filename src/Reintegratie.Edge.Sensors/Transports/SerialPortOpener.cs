using System.IO.Ports;

namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>Opens a serial port by device path (8N1, no handshake) and returns its stream; disposing it closes the port.</summary>
public static class SerialPortOpener
{
    /// <summary>Opens <paramref name="path"/> at <paramref name="baud"/>. Throws (IOException, UnauthorizedAccessException) when it cannot.</summary>
    public static Stream Open(string path, int baud)
    {
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
            return new OwningStream(port);
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    /// <summary>The port's base stream, closing the port on dispose.</summary>
    private sealed class OwningStream(SerialPort port) : Stream
    {
        private readonly Stream _inner = port.BaseStream;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

        public override void Flush() => _inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                try
                {
                    port.Dispose();
                }
                catch (IOException)
                {
                    // The device is already gone (pulled cable): nothing left to close.
                }
            }

            base.Dispose(disposing);
        }
    }
}
