namespace Reintegratie.Edge.Core.Events;

/// <summary>How a perimeter input is wired.</summary>
public enum PerimeterMode : byte
{
    /// <summary>Two-state contact on one GPIO line.</summary>
    Contact = 0,
    /// <summary>Alarm line plus a separate tamper line.</summary>
    Dual = 1,
    /// <summary>Double end-of-line resistor loop read through an MCP3008 ADC.</summary>
    Eol = 2,
}
