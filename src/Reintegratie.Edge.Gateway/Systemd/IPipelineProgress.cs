namespace Reintegratie.Edge.Gateway.Systemd;

/// <summary>
/// Tells the <see cref="WatchdogService"/> whether the event pipeline makes progress. A stage is stuck when it has
/// pending work and its sequence has not moved for a threshold; while any stage is stuck the watchdog withholds
/// <c>WATCHDOG=1</c> and systemd restarts the service after <c>WatchdogSec</c>.
/// </summary>
public interface IPipelineProgress
{
    /// <summary>True while every stage makes progress; otherwise false with the stuck stage's name.</summary>
    /// <param name="stuckStage">The first stuck stage, or null when healthy.</param>
    bool IsHealthy(out string? stuckStage);
}
