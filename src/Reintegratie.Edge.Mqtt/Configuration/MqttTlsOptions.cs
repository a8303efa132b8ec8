namespace Reintegratie.Edge.Mqtt.Configuration;

/// <summary>TLS settings (configuration section <c>Mqtt:Tls</c>). TLS is on when <see cref="CaFile"/> is set.</summary>
public sealed class MqttTlsOptions
{
    /// <summary>PEM file with the CA that signed the broker's certificate; the server chain is validated against this CA only.</summary>
    public string CaFile { get; set; } = string.Empty;

    /// <summary>PEM file with the gateway's client certificate.</summary>
    public string CertFile { get; set; } = string.Empty;

    /// <summary>PEM file with the client certificate's private key (never logged).</summary>
    public string KeyFile { get; set; } = string.Empty;

    /// <summary>Check that the broker certificate names <c>Mqtt:Host</c> (default true).</summary>
    public bool VerifyHostname { get; set; } = true;

    /// <summary>True when a CA file is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CaFile);

    /// <summary>True when a client certificate and key are configured.</summary>
    public bool HasClientCertificate => !string.IsNullOrWhiteSpace(CertFile) && !string.IsNullOrWhiteSpace(KeyFile);
}
