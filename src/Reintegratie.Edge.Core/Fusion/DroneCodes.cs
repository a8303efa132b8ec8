using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>Machine-readable codes in the alert's drone part.</summary>
internal static class DroneCodes
{
    public static string? Classification(DroneClass c) => c switch
    {
        DroneClass.UavRotaryWing => "uav_rotary_wing",
        DroneClass.UavFixedWing => "uav_fixed_wing",
        DroneClass.Uav => "uav",
        DroneClass.UavTransmitter => "uav_transmitter",
        DroneClass.AirVehicle => "air_vehicle",
        DroneClass.Other => "other",
        _ => null,
    };

    public static string[] Sources(DroneSources s)
    {
        var list = new List<string>(4);
        if ((s & DroneSources.RemoteId) != 0)
        {
            list.Add("remote_id");
        }

        if ((s & DroneSources.Sapient) != 0)
        {
            list.Add("sapient");
        }

        if ((s & DroneSources.RfDetector) != 0)
        {
            list.Add("rf_detector");
        }

        if ((s & DroneSources.Other) != 0)
        {
            list.Add("other");
        }

        return [.. list];
    }

    /// <summary>The alert's <c>spoof_reason</c>: the reasons' codes, comma-separated; null when there is none.</summary>
    public static string? Spoof(SpoofReasons s) => s switch
    {
        SpoofReasons.None => null,
        SpoofReasons.SpeedJump => "speed_jump",
        SpoofReasons.ManyIdsOneMac => "many_ids_one_mac",
        SpoofReasons.CounterReplay => "counter_replay",
        SpoofReasons.NewIdFlood => "new_id_flood",
        SpoofReasons.SingleReceiver => "single_receiver",
        _ => string.Join(',', new[] { SpoofReasons.SpeedJump, SpoofReasons.ManyIdsOneMac, SpoofReasons.CounterReplay, SpoofReasons.NewIdFlood, SpoofReasons.SingleReceiver }.Where(r => (s & r) != 0).Select(r => Spoof(r))),
    };
}
