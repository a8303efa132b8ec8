using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Reintegratie.Edge.Cli.Commands.Provision;

/// <summary>A gateway's MQTT client key (ECDSA P-256) and the certificate signing request for the broker's CA.</summary>
/// <param name="PrivateKeyPem">PKCS#8 private key, PEM.</param>
/// <param name="CsrPem">PKCS#10 request, PEM.</param>
public sealed record ClientCredentials(string PrivateKeyPem, string CsrPem)
{
    /// <summary>Creates a fresh key pair and a request with CN <paramref name="commonName"/> for TLS client authentication.</summary>
    public static ClientCredentials Create(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("Reintegratie.Edge");
        subject.AddCommonName(commonName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.2", "TLS Web Client Authentication")], critical: false));
        return new ClientCredentials(key.ExportPkcs8PrivateKeyPem(), request.CreateSigningRequestPem());
    }
}
