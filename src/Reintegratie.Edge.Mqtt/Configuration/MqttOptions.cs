using System.Net;

namespace Reintegratie.Edge.Mqtt.Configuration;

/// <summary>
/// MQTT settings (configuration section <c>Mqtt</c>, docs/MQTT.md). The gateway runs its embedded broker on
/// 127.0.0.1:<see cref="Port"/> only when <see cref="Embedded"/> is true (development, <c>--simulate</c>, <c>make run</c>);
/// otherwise <see cref="Host"/> is required. Call <see cref="MqttOptionsValidator.Validate"/> at start-up.
/// </summary>
public sealed class MqttOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Mqtt";

    /// <summary>Broker host name or address; required unless <see cref="Embedded"/>.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>
    /// Run the embedded broker on loopback and publish to it (development, <c>--simulate</c>); never combined with
    /// <see cref="Host"/>. A missing host is an error, never a silent switch to the embedded broker.
    /// </summary>
    public bool Embedded { get; set; }

    /// <summary>Broker port; 0 = default (8883 with TLS, else 1883).</summary>
    public int Port { get; set; }

    /// <summary>
    /// Further nodes of the same broker cluster (<c>host</c> or <c>host:port</c>, port default as <see cref="Port"/>). After a
    /// failed connect the gateway tries the next address in the order Host, FailoverHosts...; the persistent session
    /// (a quorum queue on RabbitMQ) and the outbox carry it across. Ignored with the embedded broker.
    /// </summary>
    public IList<string> FailoverHosts { get; } = [];

    /// <summary>First topic level(s) (default <c>pi-edge</c>).</summary>
    public string Prefix { get; set; } = "pi-edge";

    /// <summary>Site (institution) topic level; the host falls back to <c>Site:Name</c> when empty.</summary>
    public string Site { get; set; } = string.Empty;

    /// <summary>Gateway topic level (default <c>gw1</c>).</summary>
    public string Gateway { get; set; } = "gw1";

    /// <summary>MQTT client id; empty = <c>{Site}-{Gateway}</c>.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary><c>5.0</c> (default) or <c>3.1.1</c>.</summary>
    public string ProtocolVersion { get; set; } = "5.0";

    /// <summary>MQTT 5 session expiry interval; the broker keeps the session (and queued messages) this long.</summary>
    public int SessionExpirySeconds { get; set; } = 86400;

    /// <summary>MQTT 5 message expiry of <c>…/alerts</c> lifecycle messages (0 = none).</summary>
    public int MessageExpirySeconds { get; set; } = 3600;

    /// <summary>Keep-alive period.</summary>
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>TLS settings.</summary>
    public MqttTlsOptions Tls { get; set; } = new();

    /// <summary>Allow plaintext or certificate-less MQTT to a non-loopback broker (logged as a warning, shown in the status payload).</summary>
    public bool AllowInsecure { get; set; }

    /// <summary>Signed command keys and the freshness window (<c>Mqtt:Commands:*</c>).</summary>
    public CommandsOptions Commands { get; set; } = new();

    /// <summary>Interval of the retained <c>…/journal/head</c> republication.</summary>
    public int JournalHeadIntervalSeconds { get; set; } = 30;

    /// <summary>After the broker path has been down this long, a <c>broker_path_lost</c> gateway event is raised.</summary>
    public int BrokerLostAfterSeconds { get; set; } = 10;

    /// <summary>Most QoS 1 publishes in flight at once (further capped by the broker's receive maximum).</summary>
    public int MaxInFlight { get; set; } = 64;

    /// <summary>Cap of the reconnect backoff (exponential from 250 ms, full jitter).</summary>
    public int ReconnectMaxSeconds { get; set; } = 30;

    /// <summary>How long a command waits for fusion's result.</summary>
    public int CommandTimeoutSeconds { get; set; } = 5;

    /// <summary>True when the protocol is MQTT 5.</summary>
    public bool IsV5 => ProtocolVersion is "5.0" or "5";

    /// <summary>True when the gateway runs the embedded broker.</summary>
    public bool UsesEmbeddedBroker => Embedded;

    /// <summary>The host the client connects to.</summary>
    public string EffectiveHost => UsesEmbeddedBroker ? "127.0.0.1" : Host;

    /// <summary>The port the client connects to.</summary>
    public int EffectivePort => Port > 0 ? Port : Tls.Enabled ? 8883 : 1883;

    /// <summary>Every broker address in connect order: <see cref="EffectiveHost"/> first, then <see cref="FailoverHosts"/> (validated).</summary>
    public IReadOnlyList<BrokerEndpoint> Endpoints
    {
        get
        {
            var list = new List<BrokerEndpoint> { new(EffectiveHost, EffectivePort) };
            if (!UsesEmbeddedBroker)
            {
                foreach (var entry in FailoverHosts)
                {
                    if (BrokerEndpoint.TryParse(entry, EffectivePort, out var endpoint))
                    {
                        list.Add(endpoint);
                    }
                }
            }

            return list;
        }
    }

    /// <summary>The client id the gateway uses.</summary>
    public string EffectiveClientId => string.IsNullOrWhiteSpace(ClientId) ? $"{Site}-{Gateway}" : ClientId;

    /// <summary>
    /// True unless the link is production grade: TLS with a pinned CA, a client certificate and hostname verification.
    /// Shown as <c>insecure</c> in the status payload.
    /// </summary>
    public bool IsInsecure => !(Tls.Enabled && Tls.HasClientCertificate && Tls.VerifyHostname);

    /// <summary>True when every broker address (<see cref="Endpoints"/>) is a loopback name or address.</summary>
    public bool IsLoopback => UsesEmbeddedBroker || Endpoints.All(e => IsLoopbackHost(e.Host));

    private static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
