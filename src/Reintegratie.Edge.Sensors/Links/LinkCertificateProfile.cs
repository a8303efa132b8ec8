using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Reintegratie.Edge.Sensors.Links;

/// <summary>
/// The one profile of every site certificate request: ECDSA P-256, O=Reintegratie.Edge, CN and DNS SAN the given name,
/// digital signature, and TLS client authentication (a sensor, the gateway's MQTT client) or server authentication
/// (the gateway's sensor-link listener). <c>edgectl provision</c> turns it into a CSR for the site CA; the simulator's
/// run-time dev CA signs it directly, so <c>make run</c> uses the certificates a site would.
/// </summary>
public static class LinkCertificateProfile
{
    /// <summary>TLS Web Server Authentication [RFC 5280 4.2.1.12].</summary>
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>TLS Web Client Authentication [RFC 5280 4.2.1.12].</summary>
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>The request for <paramref name="commonName"/> over <paramref name="key"/>; <paramref name="addresses"/> become IP SANs.</summary>
    public static CertificateRequest Request(string commonName, ECDsa key, bool serverAuth, IEnumerable<IPAddress>? addresses = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("Reintegratie.Edge");
        subject.AddCommonName(commonName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid(ServerAuth, "TLS Web Server Authentication") : new Oid(ClientAuth, "TLS Web Client Authentication")], critical: false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(commonName);
        foreach (var address in addresses ?? [])
        {
            san.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(san.Build());
        return request;
    }
}
