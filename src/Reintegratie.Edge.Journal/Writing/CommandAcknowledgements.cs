namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// Operator commands journaled but not yet durable. A command's sender is acknowledged (PUBACK, reply) only when its
/// row is durable: <see cref="CompleteDurable"/> runs after a commit that left nothing held, because a held row is
/// only ever committed by the retry that commits all of them.
/// </summary>
internal sealed class CommandAcknowledgements
{
    private readonly List<TaskCompletionSource> _awaiting = [];

    /// <summary>A command row was written in the open batch.</summary>
    public void Add(TaskCompletionSource journaled) => _awaiting.Add(journaled);

    /// <summary>Every command written so far is durable: completes them.</summary>
    public void CompleteDurable()
    {
        foreach (var journaled in _awaiting)
        {
            journaled.TrySetResult(); // the transport's continuations run elsewhere (RunContinuationsAsynchronously)
        }

        _awaiting.Clear();
    }
}
