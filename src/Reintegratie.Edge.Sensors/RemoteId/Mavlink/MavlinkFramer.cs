using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RemoteId.Mavlink;

/// <summary>
/// Cuts MAVLink 2 frames out of a byte stream. Bytes before a start byte are skipped and counted; a frame that fails
/// its checksum is counted and the search resumes one byte after its start byte, so a real frame hidden behind
/// noise is still found. Buffers are allocated once; nothing is allocated per frame.
/// </summary>
public sealed class MavlinkFramer : IStreamFramer
{
    private readonly IMavlinkFrameHandler _handler;
    private readonly byte[] _buffer = new byte[MavlinkFrame.MaxFrameSize * 2];
    private readonly StreamPump _pump;
    private int _length;

    /// <summary>Creates a framer feeding <paramref name="handler"/>.</summary>
    public MavlinkFramer(IMavlinkFrameHandler handler, int readBufferBytes = 4096)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(readBufferBytes, 1);
        _handler = handler;
        _pump = new StreamPump(this, readBufferBytes);
    }

    /// <inheritdoc />
    public long Frames { get; private set; }

    /// <summary>Frames that failed their checksum.</summary>
    public long BadCrc { get; private set; }

    /// <summary>Signed frames dropped (no key to verify them).</summary>
    public long Unverifiable { get; private set; }

    /// <summary>Frames of message ids we do not read.</summary>
    public long UnknownMessages { get; private set; }

    /// <summary>Frames with an unknown incompatibility flag or an overlong payload.</summary>
    public long Malformed { get; private set; }

    /// <summary>Bytes outside any frame (line noise, MAVLink 1 traffic).</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>Feeds received bytes; complete frames go to the handler.</summary>
    public void Feed(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var n = Math.Min(chunk.Length, _buffer.Length - _length);
            chunk[..n].CopyTo(_buffer.AsSpan(_length));
            _length += n;
            chunk = chunk[n..];
            Drain();
        }
    }

    /// <summary>Drops a partial frame (after a reconnect the bytes before the gap belong to nothing).</summary>
    public void Reset() => _length = 0;

    /// <summary>Reads <paramref name="stream"/> until it ends (returns) or fails (throws); the caller owns the stream.</summary>
    public Task PumpAsync(Stream stream, CancellationToken cancellationToken) => _pump.PumpAsync(stream, null, cancellationToken);

    private void Drain()
    {
        var start = 0;
        while (start < _length)
        {
            var rest = _buffer.AsSpan(start, _length - start);
            var stx = rest.IndexOf(MavlinkFrame.StartByte);
            if (stx < 0)
            {
                SkippedBytes += rest.Length;
                start = _length;
                break;
            }

            SkippedBytes += stx;
            start += stx;
            rest = rest[stx..];
            var reject = MavlinkFrame.TryParse(rest, out var frame, out var consumed);
            if (reject == MavlinkReject.NeedMore)
            {
                break;
            }

            // A bad checksum moves on by one byte, but the log shows the whole candidate frame.
            var shown = reject == MavlinkReject.BadCrc
                ? rest[..Math.Min(rest.Length, MavlinkFrame.HeaderSize + rest[1] + MavlinkFrame.ChecksumSize)]
                : rest[..consumed];
            Account(reject, frame, shown);
            start += consumed;
        }

        _buffer.AsSpan(start, _length - start).CopyTo(_buffer);
        _length -= start;
    }

    private void Account(MavlinkReject reject, in MavlinkFrame frame, ReadOnlySpan<byte> skipped)
    {
        switch (reject)
        {
            case MavlinkReject.None:
                Frames++;
                _handler.OnFrame(frame);
                return;
            case MavlinkReject.BadCrc:
                BadCrc++;
                break;
            case MavlinkReject.Unverifiable:
                Unverifiable++;
                break;
            case MavlinkReject.UnknownMessage:
                UnknownMessages++;
                return; // other traffic on the link (a receiver may forward any message): not an error
            default:
                Malformed++;
                break;
        }

        _handler.OnRejected(reject, skipped);
    }
}
