using System.Buffers;
using System.Buffers.Binary;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// Reads length-prefixed SapientMessages from a stream, one at a time. The payload buffer is rented only once
/// the length is known to be within the limit, so a hostile length never makes us allocate it.
/// </summary>
public sealed class SapientFrameReader
{
    private readonly Stream _stream;
    private readonly int _maxFrameBytes;
    private readonly byte[] _header = new byte[SapientFraming.HeaderBytes];

    /// <summary>Creates a reader; the caller keeps ownership of <paramref name="stream"/>.</summary>
    public SapientFrameReader(Stream stream, int maxFrameBytes = SapientFraming.DefaultMaxFrameBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameBytes, 1);
        _stream = stream;
        _maxFrameBytes = maxFrameBytes;
    }

    /// <summary>Frames read so far.</summary>
    public long FramesRead { get; private set; }

    /// <summary>
    /// The next message, or null when the stream ends cleanly between frames. Throws
    /// <see cref="SapientFrameException"/> for a bad length, a frame cut short, or a payload that is not protobuf.
    /// </summary>
    public async ValueTask<SapientMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        var got = await ReadUpToAsync(_header, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        if (got < _header.Length)
        {
            throw new SapientFrameException($"stream ended inside a length prefix ({got} of {_header.Length} bytes)");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(_header);
        if (SapientFraming.CheckLength(length, _maxFrameBytes) is { } bad)
        {
            throw new SapientFrameException(bad);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var n = await ReadUpToAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            if (n < length)
            {
                throw new SapientFrameException($"stream ended inside a frame: expected {length} bytes, got {n}");
            }

            if (!SapientFraming.TryParsePayload(buffer.AsSpan(0, length), out var message, out var error))
            {
                throw new SapientFrameException(error!);
            }

            FramesRead++;
            return message;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<int> ReadUpToAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < target.Length)
        {
            var n = await _stream.ReadAsync(target[total..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
