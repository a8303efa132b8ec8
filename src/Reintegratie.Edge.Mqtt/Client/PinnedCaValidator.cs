using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Reintegratie.Edge.Mqtt.Client;

/// <summary>
/// Validates the broker's certificate against ONE pinned CA (<see cref="X509ChainTrustMode.CustomRootTrust"/>): the
/// system trust store is not consulted, so a certificate from any public CA is refused. Hostname checking uses the TLS
/// stack's verdict (<see cref="SslPolicyErrors.RemoteCertificateNameMismatch"/>).
/// </summary>
internal static class PinnedCaValidator
{
    public static bool IsTrusted(
        X509Certificate? certificate,
        X509Chain? presented,
        SslPolicyErrors errors,
        X509Certificate2 ca,
        bool verifyHostname,
        out string reason)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            reason = "the broker presented no certificate";
            return false;
        }

        if (verifyHostname && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reason = "the broker certificate does not name the configured host";
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);

        // A site CA has no public CRL/OCSP endpoint; revocation is handled by reissuing the CA and broker certificates.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        // The broker must hold a server certificate (EKU serverAuth): a sensor's or another gateway's client
        // certificate from the same CA must not be able to pose as the broker.
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));
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
            if (!leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Any(e => e.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == "1.3.6.1.5.5.7.3.1")))
            {
                reason = "the broker certificate does not allow server authentication (EKU serverAuth missing)";
                return false;
            }

            if (!chain.Build(leaf))
            {
                var status = chain.ChainStatus.Length > 0 ? chain.ChainStatus[0].StatusInformation.Trim() : "untrusted";
                reason = $"the broker certificate does not chain to the pinned CA ({status})";
                return false;
            }

            reason = string.Empty;
            return true;
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
