using System.Net.Sockets;

namespace Reintegratie.Edge.Simulator.Transports;

/// <summary>
/// How a simulated network sensor (SAPIENT, GSM) proves who it is on its link to the gateway: TLS with that sensor's
/// client certificate. <see cref="DevSitePki"/> issues them for an in-process run; <see cref="SensorCredentialFolder"/>
/// reads the certificates a site issued (<c>edgectl simulate --sensor-certs</c> against a separate gateway).
/// </summary>
public interface ISensorLinkClient
{
    /// <summary>Wraps <paramref name="connected"/> (a socket to the gateway's sensor-link listener) in TLS as sensor <paramref name="name"/>; the stream owns the socket.</summary>
    Task<Stream> ConnectAsync(Socket connected, string name, CancellationToken cancellationToken);
}
