namespace Reintegratie.Edge.Hub.Web;

/// <summary>
/// Turns a command request body into what is sent to the gateway. Until signed commands exist (issue 16) the body goes
/// out as it is; the signing implementation adds key id, issued_at, nonce and the operator's ECDSA P-256 signature.
/// </summary>
public interface ICommandSigner
{
    /// <summary>The payload to publish for <paramref name="verb"/> on behalf of <paramref name="operatorName"/>.</summary>
    byte[] Sign(string verb, string operatorName, byte[] body);
}

/// <summary>The unsigned command format of docs/MQTT.md "Commands".</summary>
public sealed class UnsignedCommands : ICommandSigner
{
    /// <inheritdoc />
    public byte[] Sign(string verb, string operatorName, byte[] body) => body;
}
