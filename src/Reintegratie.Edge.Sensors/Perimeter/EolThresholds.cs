using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>
/// The four bands of a double end-of-line loop read as a 10-bit ADC value (0..1023). Below <see cref="ShortBelow"/>:
/// tamper (short); below <see cref="NormalBelow"/>: normal; below <see cref="AlarmBelow"/>: alarm; from there up: tamper (open).
/// Defaults fit 4k7 + 4k7 loop resistors under a 10k pull-up to 3V3 with VREF = 3V3 (hardware/perimeter-wiring.md):
/// short 0, normal 327, alarm 496, open 1023, each threshold halfway between neighbouring bands.
/// </summary>
/// <param name="ShortBelow">Values below this are a short (default 160, about 1k9 loop resistance).</param>
/// <param name="NormalBelow">Values below this (and not short) are normal (default 410, about 6k7).</param>
/// <param name="AlarmBelow">Values below this (and not normal) are alarm; the rest is open (default 760, about 29k).</param>
public readonly record struct EolThresholds(int ShortBelow, int NormalBelow, int AlarmBelow)
{
    /// <summary>The defaults for 4k7 + 4k7 and a 10k pull-up.</summary>
    public static EolThresholds Default => new(160, 410, 760);

    /// <summary>The band an ADC value falls in.</summary>
    public PerimeterState Classify(int adc) =>
        adc < ShortBelow ? PerimeterState.TamperShort
        : adc < NormalBelow ? PerimeterState.Normal
        : adc < AlarmBelow ? PerimeterState.Alarm
        : PerimeterState.TamperOpen;
}
