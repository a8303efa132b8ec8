using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.Links;

/// <summary>The validated <c>SensorLinks</c> section: certificates loaded, limits checked.</summary>
public sealed class SensorLinkSettings
{
    private SensorLinkSettings(SensorLinkOptions options, X509Certificate2? ca, X509Certificate2? server)
    {
        AllowUnauthenticated = options.AllowUnauthenticated;
        Ca = ca;
        ServerCertificate = server;
        Handshake = TimeSpan.FromSeconds(options.HandshakeSeconds);
        Idle = TimeSpan.FromSeconds(options.IdleSeconds);
        MaxPending = options.MaxPending;
        MaxPendingPerPeer = options.MaxPendingPerPeer;
        MaxLinksPerPeer = options.MaxLinksPerPeer;
    }

    /// <summary>
    /// What a component test gets when it builds adapters without a gateway: plaintext from loopback only (a sensor's
    /// <c>PeerAddresses</c> default to loopback), so the test's own client is the only one that can speak.
    /// </summary>
    public static SensorLinkSettings TestRig { get; } = new(new SensorLinkOptions { AllowUnauthenticated = true }, null, null);

    /// <summary>Plaintext links from a sensor's own peer addresses are admitted.</summary>
    public bool AllowUnauthenticated { get; }

    /// <summary>The pinned CA of the sensors' client certificates (null without TLS).</summary>
    public X509Certificate2? Ca { get; }

    /// <summary>The gateway's server certificate with its key (null without TLS).</summary>
    public X509Certificate2? ServerCertificate { get; }

    /// <summary>True when TLS links are served.</summary>
    public bool Tls => ServerCertificate is not null && Ca is not null;

    /// <summary>Handshake timeout.</summary>
    public TimeSpan Handshake { get; }

    /// <summary>Idle and read timeout of an identified link.</summary>
    public TimeSpan Idle { get; }

    /// <summary>Unidentified connections per listener.</summary>
    public int MaxPending { get; }

    /// <summary>Unidentified connections per peer address.</summary>
    public int MaxPendingPerPeer { get; }

    /// <summary>Identified links per peer address.</summary>
    public int MaxLinksPerPeer { get; }

    /// <summary>
    /// Binds and checks the section. With <paramref name="required"/> (TCP sensors are configured) either TLS or
    /// <c>AllowUnauthenticated</c> must be set. A bad value throws <see cref="ConfigurationException"/> naming its key.
    /// </summary>
    public static SensorLinkSettings Load(IConfiguration configuration, bool required)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new SensorLinkOptions();
        try
        {
            configuration.GetSection(SensorLinkOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationException(SensorLinkOptions.Section, $"a setting has the wrong type ({e.Message})");
        }

        const string s = SensorLinkOptions.Section + ":";
        Check(options.HandshakeSeconds is >= 1 and <= 120, s + "HandshakeSeconds", "must be 1-120 seconds");
        Check(options.IdleSeconds is >= 5 and <= 3600, s + "IdleSeconds", "must be 5-3600 seconds");
        Check(options.MaxPending is >= 1 and <= 1024, s + "MaxPending", "must be 1-1024");
        Check(options.MaxPendingPerPeer is >= 1 and <= 1024, s + "MaxPendingPerPeer", "must be 1-1024");
        Check(options.MaxLinksPerPeer is >= 1 and <= 1024, s + "MaxLinksPerPeer", "must be 1-1024");
        if (!options.Tls.Enabled)
        {
            Check(!required || options.AllowUnauthenticated, s + "Tls:CaFile",
                "is required for SAPIENT and GSM network sensors: the site CA that issues their client certificates (or set SensorLinks:AllowUnauthenticated with per-sensor PeerAddresses, not production grade)");
            return new SensorLinkSettings(options, null, null);
        }

        var ca = LoadCa(options.Tls.CaFile, s + "Tls:CaFile");
        Check(!string.IsNullOrWhiteSpace(options.Tls.CertFile), s + "Tls:CertFile", "is required with Tls:CaFile: the gateway's server certificate for the sensor network");
        Check(!string.IsNullOrWhiteSpace(options.Tls.KeyFile), s + "Tls:KeyFile", "is required with Tls:CertFile");
        PrivateKeyFile.EnsurePrivate(options.Tls.KeyFile, s + "Tls:KeyFile");
        X509Certificate2 server;
        try
        {
            server = X509Certificate2.CreateFromPemFile(options.Tls.CertFile, options.Tls.KeyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ConfigurationException(s + "Tls:CertFile", $"cannot load the certificate and key ({e.GetType().Name}: {e.Message})");
        }

        return new SensorLinkSettings(options, ca, server);
    }

    private static X509Certificate2 LoadCa(string path, string key)
    {
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ConfigurationException(key, $"cannot read a PEM certificate from '{path}' ({e.GetType().Name})");
        }
    }

    private static void Check(bool ok, string key, string message)
    {
        if (!ok)
        {
            throw new ConfigurationException(key, message);
        }
    }
}
