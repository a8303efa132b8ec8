using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Simulator;

/// <summary>What simulated sensors share.</summary>
/// <param name="WorkDirectory">A directory for transports that need files (drop folders, pty links).</param>
/// <param name="Time">The clock.</param>
/// <param name="LoggerFactory">Logging.</param>
/// <param name="Hardware">In-process simulated hardware (GPIO drivers, SPI devices) keyed by sensor id; empty when the gateway is another process.</param>
/// <param name="GatewayHost">Where the gateway's TCP listeners are (for simulated TCP clients).</param>
/// <param name="UseConfiguredTransports">
/// False (in-process): transports are created under <paramref name="WorkDirectory"/> and handed to the gateway as
/// overrides. True (<c>edgectl simulate</c> against a running gateway): they are created where the gateway's
/// configuration already points (a serial sensor's pty link at its <c>Port</c>, a bodycam's <c>DropFolder</c>).
/// </param>
public sealed record SimulationContext(
    string WorkDirectory,
    TimeProvider Time,
    ILoggerFactory LoggerFactory,
    IDictionary<string, object> Hardware,
    string GatewayHost = "127.0.0.1",
    bool UseConfiguredTransports = false)
{
    /// <summary>
    /// The run's dev site CA when the simulated network sensors connect over TLS (set by <see cref="ScenarioRunner"/>
    /// before it creates them); null when the gateway has its own sensor-link settings (another process, or a configuration
    /// with <c>SensorLinks:Tls</c> or <c>AllowUnauthenticated</c>).
    /// </summary>
    public Transports.DevSitePki? LinkPki { get; init; }

    /// <summary>
    /// The certificates a site issued to its sensors (<c>edgectl simulate --sensor-certs</c>), used instead of
    /// <see cref="LinkPki"/> against a separate gateway that admits only TLS links; null: <see cref="LinkPki"/> or plaintext.
    /// </summary>
    public Transports.ISensorLinkClient? LinkCredentials { get; init; }

    /// <summary>How the simulated network sensors authenticate: the site's certificates, else the run's dev CA, else none (plaintext).</summary>
    public Transports.ISensorLinkClient? LinkClient => LinkCredentials ?? LinkPki;
}
