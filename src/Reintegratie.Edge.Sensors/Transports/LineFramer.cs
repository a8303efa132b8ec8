namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>
/// The one line transport of every line sensor: cuts CR- and/or LF-terminated lines out of a byte stream from any
/// <see cref="Stream"/> (a serial port, a TCP or TLS sensor link; NMEA 0183 and most serial sensors end lines with
/// CR LF, JSON-lines senders with LF; some send only CR). Empty lines are ignored. A line longer than the limit is malformed: it is
/// reported once, its remainder up to the next terminator is dropped, and framing resynchronises there.
/// Buffers are allocated once; nothing is allocated per line.
/// </summary>
public sealed class LineFramer : IStreamFramer
{
    private readonly ILineHandler _handler;
    private readonly byte[] _line;
    private readonly StreamPump _pump;
    private int _length;
    private long _overlongLength;

    /// <summary>Creates a framer for lines of at most <paramref name="maxLineBytes"/> bytes (terminator excluded).</summary>
    public LineFramer(ILineHandler handler, int maxLineBytes, int readBufferBytes = 4096)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(readBufferBytes, 1);
        _handler = handler;
        _line = new byte[maxLineBytes];
        _pump = new StreamPump(this, readBufferBytes);
    }

    /// <summary>The line length limit.</summary>
    public int MaxLineBytes => _line.Length;

    /// <summary>Lines delivered so far.</summary>
    public long Lines { get; private set; }

    /// <inheritdoc />
    public long Frames => Lines;

    /// <inheritdoc />
    public void Feed(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var end = chunk.IndexOfAny((byte)'\r', (byte)'\n');
            var part = end < 0 ? chunk : chunk[..end];
            Append(part);
            if (end < 0)
            {
                return;
            }

            EndLine();
            chunk = chunk[(end + 1)..];
        }
    }

    /// <inheritdoc />
    public void Reset()
    {
        _length = 0;
        _overlongLength = 0;
    }

    /// <summary>
    /// The stream ended: a line cut off by the sender closing is still delivered (the parser decides what it is worth),
    /// an over-long one is reported.
    /// </summary>
    public void Complete()
    {
        if (_length > 0 || _overlongLength > 0)
        {
            EndLine();
        }
    }

    /// <summary>Reads <paramref name="stream"/> until it ends (returns) or fails (throws); the caller owns the stream.</summary>
    public Task PumpAsync(Stream stream, CancellationToken cancellationToken) => _pump.PumpAsync(stream, null, cancellationToken);

    /// <summary>As <see cref="PumpAsync(Stream, CancellationToken)"/>, each chunk one turn of <paramref name="loop"/>.</summary>
    public Task PumpAsync(Stream stream, ProgressLoop? loop, CancellationToken cancellationToken) => _pump.PumpAsync(stream, loop, cancellationToken);

    private void Append(ReadOnlySpan<byte> part)
    {
        if (part.IsEmpty)
        {
            return;
        }

        if (_overlongLength > 0)
        {
            _overlongLength += part.Length;
            return;
        }

        if (_length + part.Length > _line.Length)
        {
            // Keep what we have as the logged start, count the rest, and deliver nothing for this line.
            var room = _line.Length - _length;
            part[..room].CopyTo(_line.AsSpan(_length));
            _overlongLength = _line.Length + (part.Length - room);
            _length = _line.Length;
            return;
        }

        part.CopyTo(_line.AsSpan(_length));
        _length += part.Length;
    }

    private void EndLine()
    {
        if (_overlongLength > 0)
        {
            var length = _overlongLength;
            _overlongLength = 0;
            _length = 0;
            _handler.OnOverlongLine(_line, length);
            return;
        }

        if (_length == 0)
        {
            return; // the LF of a CR LF pair, or a blank line
        }

        var n = _length;
        _length = 0;
        Lines++;
        _handler.OnLine(_line.AsSpan(0, n));
    }
}
