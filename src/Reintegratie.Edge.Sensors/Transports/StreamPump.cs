namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>
/// The one read loop over a <see cref="Stream"/> (serial port, TCP or TLS sensor link) for every framer: reads into a
/// buffer allocated once and feeds each chunk to the framer. Feeding a chunk is one turn of the adapter's
/// <see cref="ProgressLoop"/> (a framer whose handler blocks is a stall); waiting for the next chunk is not.
/// </summary>
public sealed class StreamPump
{
    private readonly IStreamFramer _framer;
    private readonly byte[] _read;

    /// <summary>Creates the pump of <paramref name="framer"/> with a read buffer of <paramref name="readBufferBytes"/>.</summary>
    public StreamPump(IStreamFramer framer, int readBufferBytes = 4096)
    {
        ArgumentNullException.ThrowIfNull(framer);
        ArgumentOutOfRangeException.ThrowIfLessThan(readBufferBytes, 1);
        _framer = framer;
        _read = new byte[readBufferBytes];
    }

    /// <summary>
    /// Drops the framer's partial frame, then reads <paramref name="stream"/> until it ends (returns) or fails (throws);
    /// the caller owns the stream.
    /// </summary>
    public async Task PumpAsync(Stream stream, ProgressLoop? loop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _framer.Reset();
        while (true)
        {
            var n = await stream.ReadAsync(_read.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return;
            }

            loop?.Begin();
            try
            {
                _framer.Feed(_read.AsSpan(0, n));
            }
            finally
            {
                loop?.End();
            }
        }
    }
}
