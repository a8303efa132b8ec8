using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// One row the writer owes the journal until a commit succeeds: an event row (its hashed fields and payload) or a
/// fusion output (alert change or note, re-written with a fresh seq so the outbox rows and the active set follow).
/// </summary>
/// <param name="Item">The alert change or note; default for an event row.</param>
/// <param name="At">The cause event's time for an alert change (null: the change's own time).</param>
/// <param name="Fields">An event row's fields (seq is re-assigned on replay).</param>
/// <param name="Offset">Where an uncommitted event row's payload starts in the batch buffer.</param>
/// <param name="Length">Payload length in bytes.</param>
/// <param name="Payload">A held event row's own copy of its payload (set when the batch failed).</param>
internal readonly record struct BatchEntry(PendingItem Item, DateTimeOffset? At, RowFields Fields, int Offset, int Length, byte[]? Payload)
{
    /// <summary>True for an event row, false for an alert change or note.</summary>
    public bool IsEventRow => Item.Change is null && Item.Note is null;
}
