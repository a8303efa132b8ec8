using Reintegratie.Edge.Journal.Writing;
using Reintegratie.Edge.Mqtt.Sources;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>Gives the MQTT session the journal's newest (seq, hash) for <c>…/journal/head</c>.</summary>
public sealed class JournalHeadSource(JournalWriter journal) : IJournalHeadSource
{
    /// <inheritdoc />
    public JournalHead? GetHead()
    {
        var head = journal.Head;
        return head.Seq > 0 ? new JournalHead(head.Seq, head.Hash) : null;
    }
}
