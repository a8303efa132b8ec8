namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>What the kernel says about clock synchronisation.</summary>
/// <param name="Synchronised">True when an NTP daemon keeps the clock disciplined.</param>
/// <param name="Detail">How it was determined (e.g. "adjtimex: TIME_ERROR, STA_UNSYNC set").</param>
public sealed record ClockSync(bool Synchronised, string Detail);
