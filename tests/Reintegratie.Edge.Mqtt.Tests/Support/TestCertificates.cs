using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Reintegratie.Edge.Mqtt.Tests.Support;

/// <summary>
/// A throw-away PKI made with <see cref="CertificateRequest"/> (no openssl): a CA, a server certificate for
/// localhost/127.0.0.1 and client certificates whose CN is the MQTT identity (mosquitto use_identity_as_username).
/// PEM files are written to a directory for mosquitto and for the gateway's Mqtt:Tls settings.
/// </summary>
public static class TestCertificates
{
    public static X509Certificate2 CreateCa(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    public static X509Certificate2 IssueServer(X509Certificate2 ca, string commonName = "localhost")
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        return Issue(ca, commonName, "1.3.6.1.5.5.7.3.1", san.Build());
    }

    public static X509Certificate2 IssueClient(X509Certificate2 ca, string commonName) => Issue(ca, commonName, "1.3.6.1.5.5.7.3.2", null);

    /// <summary>A certificate for localhost/127.0.0.1 that allows client authentication only: a sensor's or gateway's certificate posing as the broker.</summary>
    public static X509Certificate2 IssueServerWithoutServerAuth(X509Certificate2 ca)
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        return Issue(ca, "localhost", "1.3.6.1.5.5.7.3.2", san.Build());
    }

    /// <summary>Writes <c>{name}.crt</c> and, when the certificate has a key, <c>{name}.key</c>; returns (cert path, key path).</summary>
    public static (string Cert, string Key) WritePem(X509Certificate2 certificate, string directory, string name)
    {
        var certPath = Path.Combine(directory, name + ".crt");
        var keyPath = Path.Combine(directory, name + ".key");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        using var key = certificate.GetECDsaPrivateKey();
        if (key is not null)
        {
            File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
            if (name != "server" && !OperatingSystem.IsWindows())
            {
                // The gateway refuses a client key that group or others can read; the broker's key stays readable for
                // a mosquitto that drops to its own user.
                File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return (certPath, keyPath);
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string commonName, string usageOid, X509Extension? san)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san);
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        var now = DateTimeOffset.UtcNow;
        using var cert = request.Create(ca, now.AddHours(-1), now.AddDays(29), serial);
        return cert.CopyWithPrivateKey(key);
    }
}
