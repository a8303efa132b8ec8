namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>Settings of the gateway process itself (configuration section <c>Gateway</c>).</summary>
internal sealed class GatewayProcessOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Gateway";

    /// <summary>
    /// Socket completions run on the socket engine's thread instead of waking a thread-pool worker first. Off by
    /// default: measured, it only moves the PUBACK's work from the pool workers to the engine threads (one more engine
    /// thread per core) and saved no CPU at 1k/s or 50k/s (docs/BENCHMARKS.md). Safe to turn on, because nothing of ours
    /// that can wait runs on that thread (docs/ARCHITECTURE.md, "What runs on the socket engine thread").
    /// </summary>
    public bool InlineSocketCompletions { get; set; }
}
