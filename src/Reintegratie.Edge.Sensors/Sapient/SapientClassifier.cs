using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// Maps the SAPIENT taxonomy (class "Air Vehicle" with sub-classes "UAV Rotary Wing", "UAV Fixed Wing", ...;
/// "Equipment" / "RF Transmitter" / "UAV Transmitter") onto <see cref="DroneClass"/>. The most specific level
/// wins; among several classifications the most confident one counts.
/// </summary>
public static class SapientClassifier
{
    /// <summary>The class and its confidence (NaN when the node gave none).</summary>
    public static (DroneClass Class, float Confidence) Classify(IReadOnlyList<DetectionReport.Types.DetectionReportClassification> classifications)
    {
        ArgumentNullException.ThrowIfNull(classifications);
        DetectionReport.Types.DetectionReportClassification? best = null;
        foreach (var c in classifications)
        {
            if (best is null || (c.HasConfidence && (!best.HasConfidence || c.Confidence > best.Confidence)))
            {
                best = c;
            }
        }

        if (best is null)
        {
            return (DroneClass.Unknown, float.NaN);
        }

        var cls = FromName(best.Type);
        foreach (var sub in best.SubClass)
        {
            cls = Refine(cls, sub);
        }

        return (cls, best.HasConfidence ? best.Confidence : float.NaN);
    }

    /// <summary>The class one taxonomy name stands for on its own.</summary>
    public static DroneClass FromName(string? name) => Normalise(name) switch
    {
        // A C-UAS node's "Air Vehicle" at a prison perimeter is taken as a multicopter until a sub-class says otherwise.
        "air vehicle" or "uav rotary wing" or "uav" or "drone" => DroneClass.UavRotaryWing,
        "uav fixed wing" => DroneClass.UavFixedWing,
        "manned rotary wing" or "manned fixed wing" => DroneClass.AirVehicle,
        "equipment" or "rf transmitter" or "uav transmitter" or "uas control station" => DroneClass.UavTransmitter,
        "" => DroneClass.Unknown,
        _ => DroneClass.Other,
    };

    private static DroneClass Refine(DroneClass current, DetectionReport.Types.SubClass sub)
    {
        var named = FromName(sub.Type);
        if (named is DroneClass.Other or DroneClass.Unknown)
        {
            // Under Equipment an unlisted sub-class (Weapon, Wifi AP, Radar...) is not a drone's radio; under
            // Air Vehicle the unlisted levels are ownership ("Commercial", "Military") and keep the airframe.
            named = current == DroneClass.UavTransmitter ? DroneClass.Other : current;
        }

        foreach (var deeper in sub.SubClass_)
        {
            named = Refine(named, deeper);
        }

        return named;
    }

    private static string Normalise(string? name) => (name ?? string.Empty).Trim().ToLowerInvariant();
}
