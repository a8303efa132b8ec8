namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>Reads the clock's synchronisation state (an interface, so tests present "unsynchronised" without touching the machine).</summary>
public interface IClockSyncProbe
{
    /// <summary>The current state.</summary>
    ClockSync Probe();
}
