namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>The line bias a contact input asks the GPIO chip for (config key <c>Bias</c>).</summary>
public enum PerimeterBias
{
    /// <summary>No internal bias: the wiring has its own pull resistor (recommended on long fence cables).</summary>
    None = 0,

    /// <summary>Internal pull-up (PinMode.InputPullUp): a contact to GND pulls the line low when closed.</summary>
    PullUp = 1,

    /// <summary>Internal pull-down (PinMode.InputPullDown): a contact to 3V3 pulls the line high when closed.</summary>
    PullDown = 2,
}
