using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Reintegratie.Edge.Simulator.Transports;

/// <summary>
/// The client certificates a site issued to its network sensors, read from one folder the way <c>edgectl provision</c>
/// lays them out: <c>{name}.key</c> (the sensor's key from the bundle's <c>sensors/</c>) and <c>{name}.crt</c> (the
/// site CA's signature of <c>{name}.csr</c>), PEM, where <c>name</c> is the sensor's <c>CertificateName</c> or
/// <c>Id</c>. With the site CA's certificate and the name in the gateway's sensor-link certificate, a simulated sensor
/// connects to a separate gateway exactly as the real one would, so that gateway needs no plaintext exception.
/// </summary>
public sealed class SensorCredentialFolder : ISensorLinkClient, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, X509Certificate2> _loaded = new(StringComparer.Ordinal);
    private readonly string _directory;
    private readonly string _gatewayName;

    /// <summary>Reads the site CA from <paramref name="siteCaFile"/>; the sensors' files are read when first needed (or by <see cref="Certificate"/>).</summary>
    /// <exception cref="InvalidDataException">The folder or the CA file cannot be used; the message names it.</exception>
    public SensorCredentialFolder(string directory, string siteCaFile, string gatewayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(siteCaFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(gatewayName);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new InvalidDataException($"sensor certificate folder '{directory}' does not exist");
        }

        _directory = directory;
        _gatewayName = gatewayName;
        try
        {
            SiteCa = X509Certificate2.CreateFromPem(File.ReadAllText(siteCaFile));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidDataException($"site CA '{siteCaFile}' is not a readable PEM certificate: {ex.Message}", ex);
        }
    }

    /// <summary>The site CA the gateway's certificate must chain to.</summary>
    public X509Certificate2 SiteCa { get; }

    /// <summary>The certificate with its key for sensor <paramref name="name"/>, loaded once.</summary>
    /// <exception cref="InvalidDataException">A file is missing or unreadable, or the name cannot be a file name; the message names the file.</exception>
    public X509Certificate2 Certificate(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            if (_loaded.TryGetValue(name, out var loaded))
            {
                return loaded;
            }

            if (name.IndexOfAny(['/', '\\', '\0']) >= 0 || name is "." or "..")
            {
                throw new InvalidDataException($"certificate name '{name}' cannot name a file in '{_directory}'");
            }

            var certificateFile = Path.Combine(_directory, name + ".crt");
            var keyFile = Path.Combine(_directory, name + ".key");
            foreach (var file in (ReadOnlySpan<string>)[certificateFile, keyFile])
            {
                if (!File.Exists(file))
                {
                    throw new InvalidDataException($"sensor '{name}': '{file}' is missing (the folder needs {name}.crt, signed by the site CA, and {name}.key from the provisioning bundle)");
                }
            }

            try
            {
                using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
                // A PKCS#12 round trip gives the key a handle SslStream can present as a client certificate.
                loaded = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                throw new InvalidDataException($"sensor '{name}': '{certificateFile}' with '{keyFile}' is not a PEM certificate and its key: {ex.Message}", ex);
            }

            _loaded[name] = loaded;
            return loaded;
        }
    }

    /// <inheritdoc />
    public Task<Stream> ConnectAsync(Socket connected, string name, CancellationToken cancellationToken) =>
        SensorLinkTls.AuthenticateAsync(connected, Certificate(name), SiteCa, _gatewayName, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var certificate in _loaded.Values)
            {
                certificate.Dispose();
            }

            _loaded.Clear();
        }

        SiteCa.Dispose();
    }
}
