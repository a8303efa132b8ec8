namespace Reintegratie.Edge.Core.Events;

/// <summary>State of a perimeter input after debounce / supervision.</summary>
public enum PerimeterState : byte
{
    /// <summary>Normal (restored).</summary>
    Normal = 0,
    /// <summary>Alarm: contact open, net hit, loop in alarm band.</summary>
    Alarm = 1,
    /// <summary>Tamper: dual-mode tamper line active, or a supervised loop cut (open circuit).</summary>
    TamperOpen = 2,
    /// <summary>Tamper: supervised loop short-circuited.</summary>
    TamperShort = 3,
    /// <summary>Fault: chatter above the allowed rate, or the input cannot be read.</summary>
    Fault = 4,
}
