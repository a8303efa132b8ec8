using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>What every rule shares: the site, the options, the alert lifecycle, the bypass table and the log.</summary>
internal sealed class FusionContext
{
    public FusionContext(SiteModel site, FusionOptions options, AlertLifecycle alerts, BypassTable bypass, ILogger logger)
    {
        Site = site;
        Options = options;
        Alerts = alerts;
        Bypass = bypass;
        Logger = logger;
    }

    public SiteModel Site { get; }

    public FusionOptions Options { get; }

    public AlertLifecycle Alerts { get; }

    public BypassTable Bypass { get; }

    public ILogger Logger { get; }

    /// <summary>The sensor id for an index ("gateway" for -1 or out of range).</summary>
    public string SensorId(int sensor) => Site.SensorId(sensor);
}
