namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>Which GPIO driver a perimeter input uses (config key <c>Driver</c>).</summary>
public enum PerimeterDriver
{
    /// <summary>
    /// <c>libgpiod</c>: the libgpiod v1 character-device ABI (libgpiod.so.2; Debian 12 and Raspberry Pi OS bookworm),
    /// <c>System.Device.Gpio.Drivers.LibGpiodDriver</c>. The default.
    /// </summary>
    Libgpiod = 0,

    /// <summary>
    /// <c>libgpiod2</c>: the libgpiod v2 ABI (libgpiod.so.3; Debian 13 and Raspberry Pi OS trixie),
    /// <c>System.Device.Gpio.Drivers.LibGpiodV2Driver</c>.
    /// </summary>
    Libgpiod2 = 1,

    /// <summary><c>simulated</c>: an in-process <see cref="Simulation.SimulatedGpioDriver"/> / <see cref="Simulation.SimulatedMcp3008"/> from the hardware registry.</summary>
    Simulated = 2,
}
