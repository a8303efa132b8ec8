namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// Operator commands journaled but not yet durable. A command's sender is acknowledged (PUBACK, reply) only when its
/// row is durable. They are handed to the <see cref="DurabilityGate"/> after a commit that left nothing held, because
/// a held row is only ever committed by the retry that commits all of them; the gate completes them after its sync.
/// </summary>
internal sealed class CommandAcknowledgements
{
    private readonly List<TaskCompletionSource> _awaiting = [];

    /// <summary>A command row was written in the open batch.</summary>
    public void Add(TaskCompletionSource journaled) => _awaiting.Add(journaled);

    /// <summary>Every command written so far is committed: hands them to the gate, which completes them once durable.</summary>
    public void MoveTo(List<TaskCompletionSource> durableAfterSync)
    {
        durableAfterSync.AddRange(_awaiting);
        _awaiting.Clear();
    }
}
