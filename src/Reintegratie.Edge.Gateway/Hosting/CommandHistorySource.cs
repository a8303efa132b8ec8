using Reintegratie.Edge.Journal.Reading;
using Reintegratie.Edge.Mqtt.Sources;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>Command nonces from the gateway's journal (read on a connection of its own).</summary>
public sealed class CommandHistorySource(GatewayRuntime runtime) : ICommandHistorySource
{
    /// <inheritdoc />
    public IReadOnlyList<(string KeyId, string Nonce, DateTimeOffset IssuedAt)> UsedNonces(DateTimeOffset since) =>
        CommandNonces.Since(runtime.Journal.Path, since);
}
