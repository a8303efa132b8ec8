using System.IO.Ports;

namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>A System.IO.Ports port's base stream that closes the port on dispose (<see cref="SerialDriver.SystemIoPorts"/>).</summary>
internal sealed class SystemIoPortsStream(SerialPort port) : Stream
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
