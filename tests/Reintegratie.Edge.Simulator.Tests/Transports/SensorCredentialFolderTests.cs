using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Reintegratie.Edge.Sensors.Links;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.Simulator.Tests.Transports;

/// <summary>
/// What <c>edgectl simulate --sensor-certs</c> reads: a sensor's certificate and key by its certificate name, and the
/// site CA. Every way a folder can be wrong is one message naming the file; a name never leaves the folder.
/// </summary>
public sealed class SensorCredentialFolderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sensor-certs-");
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _ca;

    public SensorCredentialFolderTests()
    {
        var request = new CertificateRequest("CN=test site CA", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(CaFile, _ca.ExportCertificatePem());
    }

    private string CaFile => Path.Combine(_dir.FullName, "ca.crt");

    [Fact]
    public void Certificate_IssuedPair_LoadsWithItsPrivateKey()
    {
        WritePair("radar-2");
        using var folder = new SensorCredentialFolder(_dir.FullName, CaFile, "pi-vught");

        var certificate = folder.Certificate("radar-2");

        Assert.True(certificate.HasPrivateKey);
        Assert.Equal("radar-2", certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Same(certificate, folder.Certificate("radar-2"));
        Assert.Equal(_ca.Thumbprint, folder.SiteCa.Thumbprint);
    }

    [Fact]
    public void Certificate_KeyMissing_NamesTheFile()
    {
        WritePair("gsm-1");
        File.Delete(Path.Combine(_dir.FullName, "gsm-1.key"));
        using var folder = new SensorCredentialFolder(_dir.FullName, CaFile, "pi-vught");

        var error = Assert.Throws<InvalidDataException>(() => folder.Certificate("gsm-1"));

        Assert.Contains(Path.Combine(_dir.FullName, "gsm-1.key") + "' is missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../ca")]
    [InlineData("..")]
    [InlineData("sub/radar")]
    public void Certificate_NameOutsideTheFolder_IsRefused(string name)
    {
        using var folder = new SensorCredentialFolder(_dir.FullName, CaFile, "pi-vught");

        var error = Assert.Throws<InvalidDataException>(() => folder.Certificate(name));

        Assert.Contains("cannot name a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CaFileNotPem_NamesIt()
    {
        var notPem = Path.Combine(_dir.FullName, "ca.der");
        File.WriteAllBytes(notPem, _ca.RawData);

        var error = Assert.Throws<InvalidDataException>(() => new SensorCredentialFolder(_dir.FullName, notPem, "pi-vught"));

        Assert.Contains(notPem, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
        _dir.Delete(recursive: true);
    }

    private void WritePair(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = LinkCertificateProfile.Request(name, key, serverAuth: false)
            .Create(_ca.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(12));
        File.WriteAllText(Path.Combine(_dir.FullName, name + ".crt"), issued.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_dir.FullName, name + ".key"), key.ExportPkcs8PrivateKeyPem());
    }
}
