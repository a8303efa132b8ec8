using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Reintegratie.Edge.Sensors.Links;

/// <summary>
/// Accepts a sensor's client certificate only when it chains to the ONE pinned site CA
/// (<see cref="X509ChainTrustMode.CustomRootTrust"/>; the system store is not consulted) and allows client
/// authentication (EKU 1.3.6.1.5.5.7.3.2, when the certificate restricts its usages). The simulated sensors check the
/// gateway's certificate the same way, for server authentication.
/// </summary>
public static class SensorCertificateValidator
{
    /// <summary>Whether a sensor's client certificate chains to <paramref name="ca"/> and allows client authentication.</summary>
    public static bool IsTrusted(X509Certificate? certificate, X509Chain? presented, X509Certificate2 ca) =>
        IsTrusted(certificate, presented, ca, LinkCertificateProfile.ClientAuth);

    /// <summary>Whether <paramref name="certificate"/> chains to <paramref name="ca"/> alone and allows <paramref name="usage"/> (an EKU OID).</summary>
    public static bool IsTrusted(X509Certificate? certificate, X509Chain? presented, X509Certificate2 ca, string usage)
    {
        ArgumentNullException.ThrowIfNull(ca);
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // a site CA has no CRL/OCSP endpoint
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(usage));
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            return chain.Build(leaf);
        }
        finally
        {
            if (!ReferenceEquals(leaf, certificate))
            {
                leaf.Dispose();
            }
        }
    }
}
