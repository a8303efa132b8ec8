using System.Net;
using System.Net.Sockets;

namespace Reintegratie.Edge.Simulator.Transports;

/// <summary>
/// A simulated network sensor's connection to the gateway's sensor-link listener: TLS with the sensor's client
/// certificate when the run has one (<see cref="SimulationContext.LinkClient"/>: the site's certificates or the run's
/// <see cref="DevSitePki"/>), plaintext otherwise (the gateway admits it by address, or refuses it and journals the attempt).
/// </summary>
public sealed class SimulatedLinkConnection : IDisposable
{
    private SimulatedLinkConnection(Socket socket, Stream stream)
    {
        Socket = socket;
        Stream = stream;
    }

    /// <summary>The socket (for <see cref="Connected"/>).</summary>
    public Socket Socket { get; }

    /// <summary>What the sensor writes to and reads from.</summary>
    public Stream Stream { get; }

    /// <summary>True while the socket is connected.</summary>
    public bool Connected => Socket.Connected;

    /// <summary>Connects to <paramref name="endpoint"/> as the sensor whose certificate name is <paramref name="certificateName"/>.</summary>
    public static async Task<SimulatedLinkConnection> ConnectAsync(EndPoint endpoint, string certificateName, SimulationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(context);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            var stream = context.LinkClient is { } tls
                ? await tls.ConnectAsync(socket, certificateName, cancellationToken).ConfigureAwait(false)
                : new NetworkStream(socket, ownsSocket: true);
            return new SimulatedLinkConnection(socket, stream);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stream.Dispose();
        Socket.Dispose();
    }
}
