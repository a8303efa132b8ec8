using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Reintegratie.Edge.Sensors.Links;

namespace Reintegratie.Edge.Simulator.Transports;

/// <summary>
/// The sensor's side of the TLS handshake on a sensor link: TLS 1.2 or 1.3, the sensor's client certificate, and the
/// gateway's certificate accepted only when it chains to the site CA alone, allows server authentication and names
/// the gateway as the sensor addressed it (the checks the gateway makes of a sensor, mirrored).
/// </summary>
public static class SensorLinkTls
{
    /// <summary>Authenticates over <paramref name="connected"/>; the returned stream owns the socket. A refused gateway certificate throws <see cref="AuthenticationException"/> saying why.</summary>
    public static async Task<Stream> AuthenticateAsync(Socket connected, X509Certificate2 client, X509Certificate2 siteCa, string gatewayName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connected);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(siteCa);
        string? refused = null;
        var ssl = new SslStream(new NetworkStream(connected, ownsSocket: true), leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = gatewayName,
                ClientCertificates = [client],
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck, // a site CA has no CRL/OCSP endpoint
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                    {
                        refused = $"does not name '{gatewayName}' (the name in the gateway's sensor-link certificate)";
                    }
                    else if (!SensorCertificateValidator.IsTrusted(certificate, chain, siteCa, LinkCertificateProfile.ServerAuth))
                    {
                        refused = $"is not a server certificate issued by the site CA '{siteCa.Subject}'";
                    }

                    return refused is null;
                },
            }, cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch (AuthenticationException ex) when (refused is not null)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new AuthenticationException($"the gateway's certificate {refused}", ex);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
