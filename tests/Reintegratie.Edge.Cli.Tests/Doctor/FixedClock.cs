using Reintegratie.Edge.Cli.Commands.Doctor;

namespace Reintegratie.Edge.Cli.Tests.Doctor;

/// <summary>A clock probe that reports a fixed state (the machine's clock is not touched).</summary>
internal sealed class FixedClock(bool synchronised) : IClockSyncProbe
{
    public ClockSync Probe() => new(synchronised, synchronised ? "test: synchronised" : "test: STA_UNSYNC set");
}
