using Reintegratie.Edge.Mqtt.Sources;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>Gives the MQTT publisher the journal's newest (seq, hash) for <c>…/journal/head</c>.</summary>
public sealed class JournalHeadSource(GatewayRuntime runtime) : IJournalHeadSource
{
    /// <inheritdoc />
    public JournalHead? GetHead()
    {
        var head = runtime.Journal.Head;
        return head.Seq > 0 ? new JournalHead(head.Seq, head.Hash) : null;
    }
}
