namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>Outcome of one doctor check.</summary>
public enum CheckStatus
{
    /// <summary>In order.</summary>
    Pass = 0,
    /// <summary>Works now but needs attention soon (e.g. a certificate expiring within 30 days).</summary>
    Warn = 1,
    /// <summary>Broken: the gateway will not work as configured.</summary>
    Fail = 2,
}
