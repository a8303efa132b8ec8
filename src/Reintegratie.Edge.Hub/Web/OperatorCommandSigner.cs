using System.Security.Cryptography;
using Reintegratie.Edge.Mqtt.Commands;

namespace Reintegratie.Edge.Hub.Web;

/// <summary>
/// Signs with the logged-in operator's own key (unlocked at login, held sealed in the session): the gateway verifies the
/// operator's key and journals the operator as the command's author. The key belongs to the request; the caller disposes it.
/// </summary>
public sealed class OperatorCommandSigner(ECDsa key, string keyId, TimeProvider time) : ICommandSigner
{
    /// <inheritdoc />
    public string KeyId => keyId;

    /// <inheritdoc />
    public byte[] Sign(string root, string verb, IReadOnlyDictionary<string, string> fields) =>
        CommandSigner.Sign(key, keyId, root, verb, fields, time.GetUtcNow());
}
