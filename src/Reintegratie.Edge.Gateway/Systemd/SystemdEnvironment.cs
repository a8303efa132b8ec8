using System.Globalization;

namespace Reintegratie.Edge.Gateway.Systemd;

/// <summary>Reads <c>NOTIFY_SOCKET</c>, <c>WATCHDOG_USEC</c> and <c>WATCHDOG_PID</c> from a variable source on every call.</summary>
public sealed class SystemdEnvironment : ISystemdEnvironment
{
    private readonly Func<string, string?> _variable;
    private readonly int _processId;

    /// <summary>The process environment and process id.</summary>
    public SystemdEnvironment()
        : this(Environment.GetEnvironmentVariable, Environment.ProcessId)
    {
    }

    /// <summary>A given variable source and process id (tests).</summary>
    public SystemdEnvironment(Func<string, string?> variable, int processId)
    {
        ArgumentNullException.ThrowIfNull(variable);
        _variable = variable;
        _processId = processId;
    }

    /// <inheritdoc />
    public string? NotifySocket => _variable("NOTIFY_SOCKET") is { Length: > 0 } s ? s : null;

    /// <inheritdoc />
    public TimeSpan? WatchdogTimeout
    {
        get
        {
            // sd_watchdog_enabled(3): WATCHDOG_PID, when set, must name this process; WATCHDOG_USEC is in microseconds.
            if (_variable("WATCHDOG_PID") is { Length: > 0 } pid
                && (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p != _processId))
            {
                return null;
            }

            return _variable("WATCHDOG_USEC") is { Length: > 0 } usec
                && long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var us) && us > 0
                ? TimeSpan.FromMicroseconds(us)
                : null;
        }
    }
}
