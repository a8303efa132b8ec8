namespace Reintegratie.Edge.Mqtt.Configuration;

/// <summary>One operator's (or console's) command key: <c>Mqtt:Commands:Keys:{keyId}:*</c>.</summary>
public sealed class CommandKeyOptions
{
    /// <summary>ECDSA P-256 public key: PEM (<c>-----BEGIN PUBLIC KEY-----</c>) or base64 of the DER SubjectPublicKeyInfo.</summary>
    public string PublicKey { get; set; } = string.Empty;

    /// <summary>Verbs this key may use: any of <c>ack</c>, <c>bypass</c>, <c>resync</c>.</summary>
    public List<string> Verbs { get; set; } = [];
}
