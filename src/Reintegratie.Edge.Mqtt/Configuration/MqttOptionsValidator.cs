using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Configuration;

/// <summary>Validates <see cref="MqttOptions"/>; every failure is a <see cref="ConfigurationException"/> naming the key.</summary>
public static class MqttOptionsValidator
{
    /// <summary>Throws <see cref="ConfigurationException"/> for the first invalid setting.</summary>
    public static void Validate(MqttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string p = MqttOptions.Section + ":";

        if (options.Embedded && !string.IsNullOrWhiteSpace(options.Host))
        {
            throw new ConfigurationException(p + "Embedded", $"is true but Mqtt:Host is '{options.Host}': use the embedded broker or an external one, not both");
        }

        if (!options.Embedded && string.IsNullOrWhiteSpace(options.Host))
        {
            throw new ConfigurationException(p + "Host",
                "is required: the broker's host name or address (set Mqtt:Embedded=true to run the embedded loopback broker for development)");
        }

        if (!TopicNames.IsValidName(options.Prefix, out var reason))
        {
            throw new ConfigurationException(p + "Prefix", reason);
        }

        if (!TopicNames.IsValidLevel(options.Site, out reason))
        {
            throw new ConfigurationException(p + "Site", reason);
        }

        if (!TopicNames.IsValidLevel(options.Gateway, out reason))
        {
            throw new ConfigurationException(p + "Gateway", reason);
        }

        if (options.ProtocolVersion is not ("5.0" or "5" or "3.1.1"))
        {
            throw new ConfigurationException(p + "ProtocolVersion", $"expected \"5.0\" or \"3.1.1\" but got \"{options.ProtocolVersion}\"");
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ConfigurationException(p + "Port", $"expected 1..65535 (or 0 for the default) but got {options.Port}");
        }

        for (var i = 0; i < options.FailoverHosts.Count; i++)
        {
            if (!BrokerEndpoint.TryParse(options.FailoverHosts[i], options.EffectivePort, out _))
            {
                throw new ConfigurationException($"{p}FailoverHosts:{i}", $"expected host or host:port (port 1..65535) but got \"{options.FailoverHosts[i]}\"");
            }
        }

        if (options.FailoverHosts.Count > 0 && options.UsesEmbeddedBroker)
        {
            throw new ConfigurationException(p + "FailoverHosts", "needs Mqtt:Host (the embedded broker has no other nodes)");
        }

        if (options.EffectiveClientId.Length > 128)
        {
            throw new ConfigurationException(p + "ClientId", "is longer than 128 characters");
        }

        Range(p + "SessionExpirySeconds", options.SessionExpirySeconds, 0, int.MaxValue);
        Range(p + "MessageExpirySeconds", options.MessageExpirySeconds, 0, int.MaxValue);
        Range(p + "KeepAliveSeconds", options.KeepAliveSeconds, 1, 65535);
        Range(p + "JournalHeadIntervalSeconds", options.JournalHeadIntervalSeconds, 1, 86400);
        Range(p + "BrokerLostAfterSeconds", options.BrokerLostAfterSeconds, 1, 86400);
        Range(p + "MaxInFlight", options.MaxInFlight, 1, 65535);
        Range(p + "ReconnectMaxSeconds", options.ReconnectMaxSeconds, 1, 3600);
        Range(p + "CommandTimeoutSeconds", options.CommandTimeoutSeconds, 1, 300);
        Range(p + "Commands:MaxSkewSeconds", options.Commands.MaxSkewSeconds, 5, 3600);
        Range(p + "Commands:RefusalsJournaledPerMinute", options.Commands.RefusalsJournaledPerMinute, 1, 6000);
        _ = Commands.CommandKeyRing.From(options.Commands); // throws naming Mqtt:Commands:Keys:{id}:PublicKey or :Verbs
        ValidateTls(options);
    }

    private static void ValidateTls(MqttOptions options)
    {
        const string t = MqttOptions.Section + ":Tls:";
        var tls = options.Tls;
        if (!tls.Enabled && (!string.IsNullOrWhiteSpace(tls.CertFile) || !string.IsNullOrWhiteSpace(tls.KeyFile)))
        {
            throw new ConfigurationException(t + "CaFile", "is required when a client certificate is configured (the broker's CA is pinned)");
        }

        if (tls.Enabled)
        {
            if (options.UsesEmbeddedBroker)
            {
                throw new ConfigurationException(t + "CaFile", "TLS needs an external broker: set Mqtt:Host (the embedded broker listens on loopback, plaintext)");
            }

            FileExists(t + "CaFile", tls.CaFile);
            if (string.IsNullOrWhiteSpace(tls.CertFile) != string.IsNullOrWhiteSpace(tls.KeyFile))
            {
                var missing = string.IsNullOrWhiteSpace(tls.CertFile) ? "CertFile" : "KeyFile";
                throw new ConfigurationException(t + missing, "CertFile and KeyFile must be given together");
            }

            if (tls.HasClientCertificate)
            {
                FileExists(t + "CertFile", tls.CertFile);
                FileExists(t + "KeyFile", tls.KeyFile);
                PrivateKeyFile.EnsurePrivate(tls.KeyFile, t + "KeyFile"); // whoever reads it can be the gateway
            }
        }

        if (options.IsLoopback || options.AllowInsecure)
        {
            return;
        }

        if (!tls.Enabled)
        {
            throw new ConfigurationException(MqttOptions.Section + ":AllowInsecure",
                $"plaintext MQTT to non-loopback broker '{options.Host}' is refused: configure Mqtt:Tls (CaFile, CertFile, KeyFile) or set Mqtt:AllowInsecure=true");
        }

        if (!tls.HasClientCertificate)
        {
            throw new ConfigurationException(t + "CertFile",
                "production mode needs a client certificate (Mqtt:Tls:CertFile and Mqtt:Tls:KeyFile) or Mqtt:AllowInsecure=true");
        }

        if (!tls.VerifyHostname)
        {
            throw new ConfigurationException(t + "VerifyHostname", "may only be false together with Mqtt:AllowInsecure=true");
        }
    }

    private static void FileExists(string key, string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException(key, $"file not found: {path}");
        }
    }

    private static void Range(string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new ConfigurationException(key, $"expected {min}..{max} but got {value}");
        }
    }
}
