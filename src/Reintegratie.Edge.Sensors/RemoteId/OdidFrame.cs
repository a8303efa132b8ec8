namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// A validated Remote ID frame: one 25-byte message, or a message pack (F3411-22 5.4.5.13: header <c>0xF?</c>,
/// message size 0x19, count N in 1..9, then N x 25 bytes). Indexing yields each 25-byte message; nothing is copied.
/// </summary>
public readonly ref struct OdidFrame
{
    /// <summary>Bytes in one message.</summary>
    public const int MessageSize = 25;

    /// <summary>Most messages a pack may hold (F3411-22 5.4.5.13: a pack fits one Bluetooth 5 / Wi-Fi frame).</summary>
    public const int MaxPackMessages = 9;

    /// <summary>Bytes before the first message of a pack.</summary>
    public const int PackHeaderSize = 3;

    /// <summary>The largest frame: a full pack.</summary>
    public const int MaxFrameSize = PackHeaderSize + (MaxPackMessages * MessageSize);

    /// <summary>Highest protocol version understood (2 = F3411-22; 0 = F3411-19 and 1 = F3411-20 share the layout).</summary>
    public const int MaxProtocolVersion = 2;

    private readonly ReadOnlySpan<byte> _messages;

    private OdidFrame(ReadOnlySpan<byte> messages, bool isPack, byte packVersion)
    {
        _messages = messages;
        IsPack = isPack;
        PackVersion = packVersion;
    }

    /// <summary>True for a message pack.</summary>
    public bool IsPack { get; }

    /// <summary>The pack header's protocol version (0 for a single message).</summary>
    public byte PackVersion { get; }

    /// <summary>Number of 25-byte messages.</summary>
    public int Count => _messages.Length / MessageSize;

    /// <summary>The message at <paramref name="index"/> (25 bytes).</summary>
    public ReadOnlySpan<byte> this[int index] => _messages.Slice(index * MessageSize, MessageSize);

    /// <summary>Validates <paramref name="bytes"/> as a frame; false with a reason saying what was expected and what came.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out OdidFrame frame, out string? error)
    {
        frame = default;
        if (bytes.IsEmpty)
        {
            error = "Expected a 25-byte message or a message pack but got 0 bytes";
            return false;
        }

        if (bytes[0] >> 4 != (int)OdidMessageType.MessagePack)
        {
            if (!TryCheckMessage(bytes, allowedLength: bytes.Length, out error))
            {
                return false;
            }

            frame = new OdidFrame(bytes, isPack: false, packVersion: 0);
            return true;
        }

        if (!TryCheckPack(bytes, out error))
        {
            return false;
        }

        frame = new OdidFrame(bytes[PackHeaderSize..], isPack: true, packVersion: (byte)(bytes[0] & 0x0F));
        return true;
    }

    /// <summary>Validates <paramref name="bytes"/> as a frame; throws <see cref="OdidFormatException"/> when it is not one.</summary>
    public static OdidFrame Parse(ReadOnlySpan<byte> bytes) =>
        TryParse(bytes, out var frame, out var error) ? frame : throw new OdidFormatException(error!);

    /// <summary>Checks one single message: 25 bytes, a known type (not a pack), a supported version.</summary>
    public static bool TryCheckMessage(ReadOnlySpan<byte> message, out string? error) =>
        TryCheckMessage(message, message.Length, out error);

    private static bool TryCheckMessage(ReadOnlySpan<byte> message, int allowedLength, out string? error)
    {
        if (allowedLength != MessageSize)
        {
            error = $"Expected a 25-byte message (or a pack starting with 0xF2) but got {allowedLength} bytes";
            return false;
        }

        var type = message[0] >> 4;
        var version = message[0] & 0x0F;
        if (type > (int)OdidMessageType.OperatorId)
        {
            error = type == (int)OdidMessageType.MessagePack
                ? "Expected a single message inside a message pack but found another pack"
                : $"Unknown message type 0x{type:X} (expected 0x0..0x5 or 0xF)";
            return false;
        }

        if (version > MaxProtocolVersion)
        {
            error = $"Unsupported protocol version {version} in header 0x{message[0]:X2} (expected 0..{MaxProtocolVersion})";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryCheckPack(ReadOnlySpan<byte> bytes, out string? error)
    {
        if (bytes.Length < PackHeaderSize)
        {
            error = $"Expected a message pack header of 3 bytes but got {bytes.Length}";
            return false;
        }

        var version = bytes[0] & 0x0F;
        if (version > MaxProtocolVersion)
        {
            error = $"Unsupported protocol version {version} in pack header 0x{bytes[0]:X2} (expected 0..{MaxProtocolVersion})";
            return false;
        }

        if (bytes[1] != MessageSize)
        {
            error = $"Expected single message size 25 (0x19) in the pack header but got {bytes[1]}";
            return false;
        }

        int count = bytes[2];
        if (count is < 1 or > MaxPackMessages)
        {
            error = $"Expected 1..{MaxPackMessages} messages in the pack but the header says {count}";
            return false;
        }

        var expected = PackHeaderSize + (count * MessageSize);
        if (bytes.Length != expected)
        {
            error = $"Expected {expected} bytes for a pack of {count} messages but got {bytes.Length}";
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var m = bytes.Slice(PackHeaderSize + (i * MessageSize), MessageSize);
            if (!TryCheckMessage(m, MessageSize, out var inner))
            {
                error = $"Pack message {i}: {inner}";
                return false;
            }
        }

        error = null;
        return true;
    }
}
