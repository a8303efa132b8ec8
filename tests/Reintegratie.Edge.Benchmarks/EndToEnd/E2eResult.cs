namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>The end-to-end figures of one harness run (absent figures are null, never invented).</summary>
internal sealed record E2eResult(
    double? ReadyMs,
    E2ePhase At1k,
    E2ePhase? At10k,
    double RssMbAt1k,
    double CpuPercentAt1k,
    E2ePhase Baseline1k,
    E2ePhase? Baseline10k);
