namespace Reintegratie.Edge.Journal.Replay;

/// <summary>Where the replayed alerts first part from the journaled ones.</summary>
/// <param name="Index">Position in the revision sequence (0-based).</param>
/// <param name="Journaled">The journaled revision there, or null when the journal has no more.</param>
/// <param name="Replayed">The replayed revision there, or null when the replay raised no more.</param>
/// <param name="Fields">The lifecycle fields that differ (e.g. <c>after.severity</c>), empty when one side is missing.</param>
public sealed record ReplayDifference(int Index, ReplayRevision? Journaled, ReplayRevision? Replayed, IReadOnlyList<string> Fields)
{
    /// <summary>One line for people: which seq, which alert, which fields.</summary>
    public string Describe()
    {
        if (Journaled is null)
        {
            return $"seq {Replayed!.Seq}: the replay raised {Name(Replayed)} (caused by this row) that the journal does not hold";
        }

        if (Replayed is null)
        {
            return $"seq {Journaled.Seq}: the journal holds {Name(Journaled)} that the replay did not raise";
        }

        return $"seq {Journaled.Seq}: journal {Name(Journaled)}, replay {Name(Replayed)}; differs in {string.Join(", ", Fields)}";
    }

    private static string Name(ReplayRevision r) =>
        $"{Writing.EnumCode<Core.Alerts.AlertKind>.Of(r.After.Kind)} {r.After.Id} revision {r.After.Revision} ({r.Change.Type.ToString().ToLowerInvariant()})";
}
