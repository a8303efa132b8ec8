namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// One decoded Authentication page (F3411-22 5.4.5.9). Page 0 carries the last page index, the total length and a
/// timestamp before 17 data bytes; pages 1..15 carry 23 data bytes.
/// </summary>
public struct AuthMessage
{
    /// <summary>Data bytes in page 0.</summary>
    public const int Page0DataSize = 17;

    /// <summary>Data bytes in pages 1..15.</summary>
    public const int PageDataSize = 23;

    /// <summary>Header protocol version.</summary>
    public byte ProtocolVersion;

    /// <summary>Page number 0..15.</summary>
    public byte DataPage;

    /// <summary>Authentication type: 0 none, 1 UAS id signature, 2 operator id signature, 3 message set signature, 4 network, 5 specific, 0xA..0xF private.</summary>
    public byte AuthType;

    /// <summary>Index of the last page (page 0 only).</summary>
    public byte LastPageIndex;

    /// <summary>Total authentication data length in bytes (page 0 only).</summary>
    public byte Length;

    /// <summary>Seconds since 2019-01-01T00:00:00Z (page 0 only).</summary>
    public uint TimestampSince2019;

    /// <summary>Number of meaningful bytes in <see cref="Data"/> (17 on page 0, 23 on others).</summary>
    public byte DataLength;

    /// <summary>The page's authentication data.</summary>
    public AuthData Data;

    /// <summary>The page's data bytes.</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public readonly ReadOnlySpan<byte> DataSpan => ((ReadOnlySpan<byte>)Data)[..DataLength];
}
