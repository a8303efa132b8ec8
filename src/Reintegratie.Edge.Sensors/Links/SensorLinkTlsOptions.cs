namespace Reintegratie.Edge.Sensors.Links;

/// <summary>TLS files of the sensor links (section <c>SensorLinks:Tls</c>). TLS is on when <see cref="CaFile"/> is set.</summary>
public sealed class SensorLinkTlsOptions
{
    /// <summary>PEM file of the CA that issues the sensors' client certificates (pinned: no other CA is trusted).</summary>
    public string CaFile { get; set; } = string.Empty;

    /// <summary>PEM file of the gateway's server certificate for the sensor network (serverAuth).</summary>
    public string CertFile { get; set; } = string.Empty;

    /// <summary>PEM file of its private key; mode 0400 or 0600, owned by the service user.</summary>
    public string KeyFile { get; set; } = string.Empty;

    /// <summary>True when TLS is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CaFile);
}
