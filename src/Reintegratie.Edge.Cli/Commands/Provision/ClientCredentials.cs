using System.Security.Cryptography;
using Reintegratie.Edge.Sensors.Links;

namespace Reintegratie.Edge.Cli.Commands.Provision;

/// <summary>A gateway's MQTT client key (ECDSA P-256) and the certificate signing request for the broker's CA.</summary>
/// <param name="PrivateKeyPem">PKCS#8 private key, PEM.</param>
/// <param name="CsrPem">PKCS#10 request, PEM.</param>
public sealed record ClientCredentials(string PrivateKeyPem, string CsrPem)
{
    /// <summary>
    /// Creates a fresh key pair and a request with CN (and DNS SAN) <paramref name="commonName"/> for TLS client
    /// authentication, or server authentication with <paramref name="serverAuth"/> (the gateway's sensor-link certificate).
    /// </summary>
    public static ClientCredentials Create(string commonName, bool serverAuth = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LinkCertificateProfile.Request(commonName, key, serverAuth);
        return new ClientCredentials(key.ExportPkcs8PrivateKeyPem(), request.CreateSigningRequestPem());
    }
}
