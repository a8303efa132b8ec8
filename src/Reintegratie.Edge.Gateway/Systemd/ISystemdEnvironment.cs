namespace Reintegratie.Edge.Gateway.Systemd;

/// <summary>
/// What systemd told this process through its environment (systemd.exec(5), sd_notify(3)). Behind an interface and
/// read on every call, never cached in a static, so tests present any environment without child processes.
/// </summary>
public interface ISystemdEnvironment
{
    /// <summary>The notification socket (<c>NOTIFY_SOCKET</c>): a path, or an abstract name starting with '@'; null when not run by systemd.</summary>
    string? NotifySocket { get; }

    /// <summary>
    /// The watchdog timeout (<c>WATCHDOG_USEC</c>), or null when no watchdog is set up for this process
    /// (unset, not a positive number, or <c>WATCHDOG_PID</c> names another process).
    /// </summary>
    TimeSpan? WatchdogTimeout { get; }
}
