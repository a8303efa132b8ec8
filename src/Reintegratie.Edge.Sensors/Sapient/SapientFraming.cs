using System.Buffers.Binary;
using Google.Protobuf;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// SAPIENT over TCP: every serialized <see cref="SapientMessage"/> is preceded by its length as a 4-byte
/// little-endian signed integer [BSI Flex 335 v2.0, communications: message framing]. No other header, no
/// trailer; a receiver that loses the boundary cannot find the next one, so any framing error ends the connection.
/// </summary>
public static class SapientFraming
{
    /// <summary>Size of the length prefix.</summary>
    public const int HeaderBytes = 4;

    /// <summary>Default largest accepted payload (1 MiB): a registration with many modes stays well below it.</summary>
    public const int DefaultMaxFrameBytes = 1 << 20;

    /// <summary>The message with its length prefix.</summary>
    public static byte[] Encode(SapientMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        var frame = new byte[HeaderBytes + size];
        BinaryPrimitives.WriteInt32LittleEndian(frame, size);
        message.WriteTo(frame.AsSpan(HeaderBytes));
        return frame;
    }

    /// <summary>Writes one frame to <paramref name="stream"/>.</summary>
    public static async ValueTask WriteAsync(Stream stream, SapientMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var frame = Encode(message);
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks a length prefix. Returns null when it is acceptable, else why not (zero, negative, over the limit).
    /// </summary>
    public static string? CheckLength(int length, int maxFrameBytes) => length switch
    {
        0 => "frame length 0: a SapientMessage always has content",
        < 0 => $"frame length {length} is negative (bytes {(uint)length:X8} as little-endian int32)",
        _ when length > maxFrameBytes => $"frame length {length} exceeds the limit of {maxFrameBytes} bytes",
        _ => null,
    };

    /// <summary>
    /// Decodes the first frame in <paramref name="buffer"/>. Returns false with <paramref name="error"/> null when
    /// more bytes are needed; false with an error when the bytes are not a frame; true with the message and the
    /// number of bytes it used otherwise. Never throws on any input.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> buffer, int maxFrameBytes, out SapientMessage? message, out int consumed, out string? error)
    {
        message = null;
        consumed = 0;
        error = null;
        if (buffer.Length < HeaderBytes)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(buffer);
        error = CheckLength(length, maxFrameBytes);
        if (error is not null || buffer.Length - HeaderBytes < length)
        {
            return false;
        }

        if (!TryParsePayload(buffer.Slice(HeaderBytes, length), out message, out error))
        {
            return false;
        }

        consumed = HeaderBytes + length;
        return true;
    }

    /// <summary>Parses a payload (no prefix); false with the reason when it is not a SapientMessage.</summary>
    public static bool TryParsePayload(ReadOnlySpan<byte> payload, out SapientMessage? message, out string? error)
    {
        try
        {
            message = SapientMessage.Parser.ParseFrom(payload);
            error = null;
            return true;
        }
        catch (InvalidProtocolBufferException e)
        {
            message = null;
            error = $"payload of {payload.Length} bytes is not a SapientMessage: {e.Message}";
            return false;
        }
    }
}
