using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Reintegratie.Edge.Gateway.Systemd;

/// <summary>Registers the progress-gated systemd watchdog.</summary>
public static class SystemdWatchdogServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="WatchdogService"/> with the process environment and the system clock (unless already registered).
    /// The caller registers an <see cref="IPipelineProgress"/> (e.g. <see cref="EventPipelineProgress"/>); READY=1 and
    /// STOPPING=1 come from <c>AddSystemd()</c>.
    /// </summary>
    public static IServiceCollection AddSystemdWatchdog(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ISystemdEnvironment, SystemdEnvironment>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NotifySocketSender>();
        services.AddHostedService<WatchdogService>();
        return services;
    }
}
