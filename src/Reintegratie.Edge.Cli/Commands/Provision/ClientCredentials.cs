using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

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
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("Reintegratie.Edge");
        subject.AddCommonName(commonName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1", "TLS Web Server Authentication") : new Oid("1.3.6.1.5.5.7.3.2", "TLS Web Client Authentication")], critical: false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(commonName);
        request.CertificateExtensions.Add(san.Build());
        return new ClientCredentials(key.ExportPkcs8PrivateKeyPem(), request.CreateSigningRequestPem());
    }
}
