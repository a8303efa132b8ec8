namespace Reintegratie.Edge.Hub;

/// <summary>Hub settings (configuration section <c>Hub</c>, docs/HUB.md).</summary>
public sealed class HubOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Hub";

    /// <summary>Npgsql connection string of the shared PostgreSQL database.</summary>
    public string Database { get; set; } = string.Empty;

    /// <summary>AMQP 0-9-1 broker nodes (<c>host:port</c>); the hub connects to the first that answers.</summary>
    public IList<string> Brokers { get; } = [];

    /// <summary>AMQP user.</summary>
    public string BrokerUser { get; set; } = "guest";

    /// <summary>AMQP password (never logged).</summary>
    public string BrokerPassword { get; set; } = "guest";

    /// <summary>AMQP virtual host.</summary>
    public string VirtualHost { get; set; } = "/";

    /// <summary>The gateways' MQTT topic prefix (<c>Mqtt:Prefix</c> on the gateways).</summary>
    public string Prefix { get; set; } = "pi-edge";

    /// <summary>Name stem of the hub's quorum queues (<c>{stem}.alerts</c>, <c>.state</c>, <c>.heads</c>).</summary>
    public string QueueStem { get; set; } = "biv.hub";

    /// <summary>Most unacknowledged deliveries per queue; also the largest batch committed in one transaction.</summary>
    public int Prefetch { get; set; } = 256;

    /// <summary>Cap of the reconnect backoff.</summary>
    public int ReconnectMaxSeconds { get; set; } = 10;

    /// <summary>Console listen URL (Kestrel); empty = no console in this instance.</summary>
    public string ConsoleUrl { get; set; } = "http://127.0.0.1:8480";

    /// <summary>
    /// Fallback only: the console's shared ECDSA P-256 command key (PKCS#8 PEM, <c>edgectl cmd keygen</c>), used for
    /// operators without a key of their own (accounts from before per-operator keys); the gateways list its public key
    /// under <c>Mqtt:Commands:Keys:{CommandKeyId}</c>. Empty: only operators with their own key can send commands.
    /// </summary>
    public string CommandKeyFile { get; set; } = string.Empty;

    /// <summary>The key id the gateways know the console key by.</summary>
    public string CommandKeyId { get; set; } = "biv-console";

}
