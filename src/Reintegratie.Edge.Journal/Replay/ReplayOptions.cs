namespace Reintegratie.Edge.Journal.Replay;

/// <summary>How <see cref="JournalReplay"/> runs.</summary>
public sealed record ReplayOptions
{
    /// <summary>
    /// A what-if (another configuration): at a restart the engine continues its own active alerts, as a gateway with
    /// that configuration would have; otherwise the alerts the journal says the gateway continued.
    /// </summary>
    public bool WhatIf { get; init; }

    /// <summary>Digest of the configuration replayed (<see cref="Storage.StartMarker.DigestOf"/>), when it is a site snapshot; runs started with another are reported.</summary>
    public string? ConfigDigest { get; init; }
}
