namespace Reintegratie.Edge.Sensors.Links;

/// <summary>
/// How the gateway accepts network links from sensors (configuration section <c>SensorLinks</c>), shared by every TCP
/// sensor listener (SAPIENT, GSM umbrella). Production: <see cref="Tls"/> with a client certificate per sensor node,
/// issued by the site CA. <see cref="AllowUnauthenticated"/> admits plaintext links from a sensor's own
/// <c>PeerAddresses</c> only, and is logged as not production grade.
/// </summary>
public sealed class SensorLinkOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "SensorLinks";

    /// <summary>Admit plaintext links from the addresses in a sensor's <c>PeerAddresses</c> (for sensors that cannot do TLS, and test rigs).</summary>
    public bool AllowUnauthenticated { get; set; }

    /// <summary>The gateway's server certificate and the CA that issues the sensors' client certificates.</summary>
    public SensorLinkTlsOptions Tls { get; set; } = new();

    /// <summary>A TLS handshake must complete within this many seconds.</summary>
    public double HandshakeSeconds { get; set; } = 10;

    /// <summary>A link that delivers no byte for this many seconds is closed (idle and read timeout).</summary>
    public double IdleSeconds { get; set; } = 120;

    /// <summary>Connections not yet identified (in their handshake) per listener; a configured sensor's known address may evict the oldest.</summary>
    public int MaxPending { get; set; } = 8;

    /// <summary>Connections not yet identified from one peer address.</summary>
    public int MaxPendingPerPeer { get; set; } = 2;

    /// <summary>Identified links from one peer address (a box hosting several sensors needs one per sensor).</summary>
    public int MaxLinksPerPeer { get; set; } = 8;
}
