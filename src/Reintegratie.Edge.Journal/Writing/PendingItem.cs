using Reintegratie.Edge.Core.Alerts;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>A fusion output waiting for the journal stage to reach its cause event.</summary>
/// <param name="Cause">Event id fusion was handling.</param>
/// <param name="Change">An alert change, or null.</param>
/// <param name="Note">A note, or null.</param>
internal readonly record struct PendingItem(long Cause, AlertChange? Change, JournalNote? Note);
