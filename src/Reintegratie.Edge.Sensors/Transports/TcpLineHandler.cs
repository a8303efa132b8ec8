namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>
/// Receives one line from a <see cref="TcpLineListener"/> connection: without its terminator (<c>\n</c>, or
/// <c>\r\n</c>), valid only during the call. Called concurrently from different connections.
/// </summary>
/// <param name="line">The line bytes.</param>
public delegate void TcpLineHandler(ReadOnlySpan<byte> line);
