namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>Ring and stage settings (configuration section <c>Pipeline</c>).</summary>
public sealed class PipelineOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Pipeline";

    /// <summary>
    /// Ring slots, a power of two (default 4096: 4 s of a 1k events/s site; when it is full a security event's producer
    /// waits and telemetry is shed). Each slot is a pre-allocated event of about 400 bytes: 16384 slots cost the NativeAOT
    /// gateway 2.8-10.6 MB more resident memory at 1k/s than 4096 (docs/BENCHMARKS.md).
    /// </summary>
    public int Capacity { get; set; } = 4096;

    /// <summary>A producer of a security event on a full ring waits in steps of this long; each step is counted and logged.</summary>
    public int SecurityWaitMs { get; set; } = 50;

    /// <summary>Interval of the clock tick that drives quiet periods and timeouts.</summary>
    public int TickMs { get; set; } = 1000;

    /// <summary>A stage with pending work whose sequence has not moved for this long is stuck (watchdog).</summary>
    public int StuckAfterMs { get; set; } = 10000;

    /// <summary>
    /// Microseconds a waiting stage spins before it blocks (0 blocks at once). A stage whose last 64 waits were all
    /// caught by the spin spins up to 8 times this; one that keeps blocking stops spinning (<see cref="AdaptiveSpin"/>).
    /// </summary>
    public int SpinMicroseconds { get; set; } = 25;

    /// <summary>
    /// Fusion and the journal run on one stage thread (default true): each event to fusion, then to the journal, as two
    /// stages in a row would, without the journal thread's sleep and wake-up per event. false gives each its own
    /// thread, which lets them work side by side on two cores at rates far above a site's (docs/BENCHMARKS.md,
    /// "Fewer hops").
    /// </summary>
    public bool FusionOnJournalThread { get; set; } = true;

    /// <summary>Checks the values; a bad one throws naming its key.</summary>
    public void Validate()
    {
        if (Capacity < 2 || (Capacity & (Capacity - 1)) != 0)
        {
            throw new Site.ConfigurationException($"{Section}:Capacity", $"must be a power of two (e.g. 4096), got {Capacity}");
        }

        if (SecurityWaitMs is < 1 or > 10000)
        {
            throw new Site.ConfigurationException($"{Section}:SecurityWaitMs", "must be 1..10000");
        }

        if (TickMs is < 10 or > 60000)
        {
            throw new Site.ConfigurationException($"{Section}:TickMs", "must be 10..60000");
        }

        if (StuckAfterMs < TickMs * 2)
        {
            throw new Site.ConfigurationException($"{Section}:StuckAfterMs", "must be at least twice TickMs");
        }

        if (SpinMicroseconds is < 0 or > 10_000)
        {
            throw new Site.ConfigurationException($"{Section}:SpinMicroseconds", "must be 0..10000");
        }
    }
}
