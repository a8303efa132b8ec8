namespace Reintegratie.Edge.Core.Events;

/// <summary>A perimeter input's new state.</summary>
public struct PerimeterData
{
    /// <summary>The state after debounce.</summary>
    public PerimeterState State;

    /// <summary>The previous state.</summary>
    public PerimeterState Previous;

    /// <summary>The input's wiring mode.</summary>
    public PerimeterMode Mode;

    /// <summary>Transitions counted in the last minute (chatter detection).</summary>
    public ushort TransitionsPerMinute;

    /// <summary>Raw ADC reading (0..1023) for <see cref="PerimeterMode.Eol"/>, else -1.</summary>
    public short RawAdc;

    /// <summary>True when the event comes from the periodic supervision read rather than an edge.</summary>
    public bool FromSupervision;
}
