using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Sensors.Links;

namespace Reintegratie.Edge.Sensors.Tests.Links;

/// <summary>A throw-away site CA in a temp directory: the gateway's sensor-link certificate and client certificates per sensor.</summary>
internal sealed class TestPki : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestPki()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("links-pki-").FullName;
        var request = new CertificateRequest("CN=test-site-ca", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(CaFile, Ca.ExportCertificatePem());
        using var server = Issue("gateway", serverAuth: true);
        File.WriteAllText(Path.Combine(Directory, "link.crt"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(Directory, "link.key"), server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(Directory, "link.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public string CaFile => Path.Combine(Directory, "ca.crt");

    /// <summary>Configuration keys of a TLS <c>SensorLinks</c> section using this CA.</summary>
    public Dictionary<string, string?> LinkKeys(int maxPending = 8) => new()
    {
        ["SensorLinks:Tls:CaFile"] = CaFile,
        ["SensorLinks:Tls:CertFile"] = Path.Combine(Directory, "link.crt"),
        ["SensorLinks:Tls:KeyFile"] = Path.Combine(Directory, "link.key"),
        ["SensorLinks:MaxPending"] = maxPending.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public SensorLinkSettings Settings(int maxPending = 8) =>
        SensorLinkSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(LinkKeys(maxPending)).Build(), required: true);

    /// <summary>A certificate with private key for <paramref name="name"/> (CN and DNS SAN), issued by this CA, or by a stranger CA.</summary>
    public X509Certificate2 Issue(string name, bool serverAuth = false, bool stranger = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        var serial = RandomNumberGenerator.GetBytes(12);
        X509Certificate2 issued;
        if (stranger)
        {
            issued = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            return issued;
        }

        using (var cert = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), serial))
        {
            issued = cert.CopyWithPrivateKey(key);
        }

        // A PFX round trip gives the key a handle SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(issued.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A TLS link to <paramref name="endpoint"/> as the holder of <paramref name="name"/>'s certificate (the gateway's certificate must come from this CA).</summary>
    public async Task<SslStream> ConnectAsync(IPEndPoint endpoint, string name, bool stranger = false)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint);
        var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false); // disposing the link closes the socket
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "gateway",
            ClientCertificates = [Issue(name, stranger: stranger)],
            RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && c.Issuer == Ca.Subject,
        });
        return ssl;
    }

    public void Dispose()
    {
        _caKey.Dispose();
        Ca.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
