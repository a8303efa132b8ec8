namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>
/// Told about a line longer than the listener's limit, which was discarded up to its terminator.
/// </summary>
/// <param name="length">Bytes the line had (at least the limit).</param>
/// <param name="head">The first bytes of the line (the limit's worth), valid only during the call.</param>
public delegate void TcpLineOverlongHandler(int length, ReadOnlySpan<byte> head);
