using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Mqtt.Configuration;
using Reintegratie.Edge.Mqtt.Payloads;
using Reintegratie.Edge.Mqtt.Topics;

namespace Reintegratie.Edge.Mqtt.Client;

/// <summary>Builds MQTTnet client options: persistent session, Last Will on <c>…/status</c>, TLS with a pinned CA and client certificate.</summary>
internal static class MqttClientOptionsFactory
{
    /// <summary>Options for one broker address (a node of the cluster); TLS checks that node's name.</summary>
    public static MqttClientOptions Create(MqttOptions options, BrokerEndpoint endpoint, MqttTopics topics, StatusInfo status, ILogger logger)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(endpoint.Host, endpoint.Port)
            .WithClientId(options.EffectiveClientId)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(options.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(topics.Status)
            .WithWillPayload(PayloadFormatter.LastWill(status))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (options.IsV5)
        {
            // A persistent session: the broker keeps our subscription and queued commands while we are away (§3.1.2.4, §3.1.2.11.2).
            builder.WithProtocolVersion(MqttProtocolVersion.V500)
                .WithCleanStart(false)
                .WithSessionExpiryInterval((uint)options.SessionExpirySeconds)
                .WithReceiveMaximum(1024)
                .WithWillPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
                .WithWillContentType("application/json");
        }
        else
        {
            builder.WithProtocolVersion(MqttProtocolVersion.V311).WithCleanSession(false);
        }

        if (options.Tls.Enabled)
        {
            builder.WithTlsOptions(BuildTls(options, endpoint.Host, logger));
        }

        return builder.Build();
    }

    private static MqttClientTlsOptions BuildTls(MqttOptions options, string host, ILogger logger)
    {
        var tls = options.Tls;
        X509Certificate2 ca;
        try
        {
            ca = X509Certificate2.CreateFromPem(File.ReadAllText(tls.CaFile));
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException("Mqtt:Tls:CaFile", $"cannot read a PEM certificate from {tls.CaFile}: {ex.GetType().Name}");
        }

        var builder = new MqttClientTlsOptionsBuilder()
            .UseTls()
            .WithTargetHost(host)
            .WithCertificateValidationHandler(args =>
            {
                if (PinnedCaValidator.IsTrusted(args.Certificate, args.Chain, args.SslPolicyErrors, ca, tls.VerifyHostname, out var reason))
                {
                    return true;
                }

                logger.LogWarning("MQTT TLS: {Reason}; connection refused", reason);
                return false;
            });
        if (tls.HasClientCertificate)
        {
            builder.WithClientCertificates([LoadClientCertificate(tls)]);
        }

        return builder.Build();
    }

    private static X509Certificate2 LoadClientCertificate(MqttTlsOptions tls)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The exception type only: a message could quote key material.
            throw new ConfigurationException("Mqtt:Tls:CertFile", $"cannot load the client certificate {tls.CertFile} with its key {tls.KeyFile}: {ex.GetType().Name}");
        }
    }
}
