namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>Settings of the gateway process itself (configuration section <c>Gateway</c>).</summary>
internal sealed class GatewayProcessOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Gateway";

    /// <summary>
    /// Socket completions run on the socket engine's thread instead of waking a thread-pool worker first (default
    /// true): the PUBACK's work moves from the pool workers to the engine threads (docs/BENCHMARKS.md). Safe because
    /// nothing of ours that can wait runs on that thread (docs/ARCHITECTURE.md, "What runs on the socket engine
    /// thread"). Set false to hand every socket completion to the thread pool, as .NET does by default.
    /// </summary>
    public bool InlineSocketCompletions { get; set; } = true;
}
