namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>The end-to-end figures of one harness run (absent figures are null, never invented).</summary>
internal sealed record E2eResult(
    double? ReadyMs,
    E2ePhase At1k,
    E2ePhase? At10k,
    double RssMbAt1k,
    double CpuPercentAt1k,
    E2ePhase Baseline1k,
    E2ePhase? Baseline10k)
{
    /// <summary>VmRSS split at the end of the 1k/s phase: anonymous memory (heaps, stacks) and file-backed (the binary, libraries).</summary>
    public (double AnonMb, double FileMb) RssSplitAt1k { get; init; }

    /// <summary>CPU time (user + system) the gateway had used when READY arrived, ms (10 ms resolution).</summary>
    public double? ReadyCpuMs { get; init; }

    /// <summary>The sustained 50k/s phase, when it ran.</summary>
    public E2eFlood? At50k { get; init; }

    /// <summary>The design's floor at 1k/s on the same broker (one thread, no pipeline), when it ran.</summary>
    public FloorBaseline.Result? Floor { get; init; }
}

/// <summary>
/// The sustained high-rate phase: latency and losses at the subscriber, the rate the harness actually wrote and the
/// subscriber actually read, every frame of the run counted in the journal afterwards, and who spent the CPU (gateway,
/// broker, the harness itself, and the gateway's busiest threads) so a missed rate names its bound.
/// </summary>
internal sealed record E2eFlood(
    E2ePhase Phase,
    double SentPerSecond,
    double ReceivedPerSecond,
    long FramesInRun,
    long JournalRows,
    double GatewayCpuPercent,
    double BrokerCpuPercent,
    double HarnessCpuPercent,
    string GatewayThreads,
    string? GatewayDropLine,
    string? RingFullLine)
{
    /// <summary>The gateway's last "Events queue full" line (the events stage waited for the broker: backpressure), if any.</summary>
    public string? GatewayWaitLine { get; init; }

    /// <summary>Bare MQTTnet at the same rate to the same broker, right after the phase (the bound without the gateway).</summary>
    public BareFlood? Bare { get; init; }

    /// <summary>Frames of the whole run (probes, warm-up and every phase) missing from the journal.</summary>
    public long JournalLost => FramesInRun - JournalRows;
}
