using System.Net.Sockets;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture.Relay;

/// <summary>
/// The capture unit's end of the relay: every packet of a live source, framed (<see cref="CaptureRelayFrame"/>), onto the
/// gateway's unix socket. Decoding stays in the gateway (one decoder for files and live capture); this process only
/// captures, so a flaw in a decoder cannot reach the capture privileges.
/// </summary>
public sealed class CaptureRelayForwarder
{
    private readonly byte[] _packet = new byte[CaptureRelayFrame.MaxData];
    private readonly byte[] _frame = new byte[CaptureRelayFrame.HeaderLength + CaptureRelayFrame.MaxData];

    /// <summary>Packets sent.</summary>
    public long Sent { get; private set; }

    /// <summary>Connects to the gateway's socket at <paramref name="path"/>; throws <see cref="IOException"/> when it is not there.</summary>
    public static Socket Connect(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new IOException($"cannot connect to the gateway on {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Forwards until cancelled; throws <see cref="IOException"/> when the gateway goes or the source fails.</summary>
    public void Run(ICaptureSource source, Socket gateway, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(gateway);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!source.TryRead(_packet, out var length, out var linkType, out var timestamp) || length == 0)
            {
                continue; // nothing heard within the source's read timeout
            }

            var n = CaptureRelayFrame.Write(_frame, linkType, timestamp, _packet.AsSpan(0, length));
            try
            {
                gateway.Send(_frame.AsSpan(0, n)); // blocking: sends it all, or fails
            }
            catch (SocketException ex)
            {
                throw new IOException($"the gateway went away: {ex.Message}", ex);
            }

            Sent++;
        }
    }
}
