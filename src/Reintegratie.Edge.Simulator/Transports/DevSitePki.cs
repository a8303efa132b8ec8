using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Reintegratie.Edge.Sensors.Links;

namespace Reintegratie.Edge.Simulator.Transports;

/// <summary>
/// A site CA made for one simulation run, so the simulated SAPIENT and GSM sensors connect the way real ones do: TLS
/// with a client certificate each (the profile <c>edgectl provision</c> requests, <see cref="LinkCertificateProfile"/>).
/// The CA key and the sensors' keys live in memory only; the folder gets the CA certificate and the gateway's
/// sensor-link certificate and key (0600, folder 0700), which the gateway loads through <see cref="GatewayKeys"/>.
/// Nothing here is ever committed: the folder is the run's work directory, and a new run makes a new CA.
/// </summary>
public sealed class DevSitePki : ISensorLinkClient, IDisposable
{
    private static readonly IPAddress[] s_loopback = [IPAddress.Loopback, IPAddress.IPv6Loopback];
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, X509Certificate2> _clients = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates the CA and the gateway's server certificate in <paramref name="directory"/> (replaced if present), valid for a week from now.</summary>
    public DevSitePki(string directory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The dev PKI relies on file modes to keep the gateway's key private.");
        }

        Directory = directory;
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true); // the last run's CA: never trusted again
        }

        System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("Reintegratie.Edge");
        subject.AddCommonName("simulated site CA " + time.GetUtcNow().ToString("yyyyMMddTHHmmss", CultureInfo.InvariantCulture));
        var request = new CertificateRequest(subject.Build(), _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Ca = request.CreateSelfSigned(time.GetUtcNow().AddMinutes(-5), time.GetUtcNow().AddDays(8)); // outlives every certificate it signs
        File.WriteAllText(GatewayKeys.CaFile, Ca.ExportCertificatePem());

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var server = Sign(LinkCertificateProfile.Request("localhost", serverKey, serverAuth: true, s_loopback));
        File.WriteAllText(GatewayKeys.CertFile, server.ExportCertificatePem());
        File.WriteAllText(GatewayKeys.KeyFile, string.Empty);
        File.SetUnixFileMode(GatewayKeys.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite); // private before the key is in it
        File.WriteAllText(GatewayKeys.KeyFile, serverKey.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The run's CA.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The gateway's files, as the <c>SensorLinks:Tls</c> keys name them.</summary>
    public (string CaFile, string CertFile, string KeyFile) GatewayKeys =>
        (Path.Combine(Directory, "ca.crt"), Path.Combine(Directory, "sensor-link.crt"), Path.Combine(Directory, "sensor-link.key"));

    /// <summary>The configuration overrides that make the gateway's sensor links TLS with this CA.</summary>
    public IReadOnlyDictionary<string, string?> LinkOverrides => new Dictionary<string, string?>
    {
        ["SensorLinks:Tls:CaFile"] = GatewayKeys.CaFile,
        ["SensorLinks:Tls:CertFile"] = GatewayKeys.CertFile,
        ["SensorLinks:Tls:KeyFile"] = GatewayKeys.KeyFile,
    };

    /// <summary>The client certificate (with its key, in memory) for the sensor whose certificate name is <paramref name="name"/>.</summary>
    public X509Certificate2 ClientCertificate(string name)
    {
        lock (_gate)
        {
            if (!_clients.TryGetValue(name, out var certificate))
            {
                using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                using var issued = Sign(LinkCertificateProfile.Request(name, key, serverAuth: false));
                using var withKey = issued.CopyWithPrivateKey(key);
                // A PKCS#12 round trip gives the key a handle SslStream can present as a client certificate.
                certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
                _clients[name] = certificate;
            }

            return certificate;
        }
    }

    /// <inheritdoc />
    public Task<Stream> ConnectAsync(Socket connected, string name, CancellationToken cancellationToken) =>
        SensorLinkTls.AuthenticateAsync(connected, ClientCertificate(name), Ca, "localhost", cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var certificate in _clients.Values)
            {
                certificate.Dispose();
            }

            _clients.Clear();
        }

        Ca.Dispose();
        _caKey.Dispose();
    }

    private X509Certificate2 Sign(CertificateRequest request) =>
        request.Create(Ca, _time.GetUtcNow().AddMinutes(-5), _time.GetUtcNow().AddDays(7), RandomNumberGenerator.GetBytes(12));
}
