namespace Reintegratie.Edge.Core.Events;

/// <summary>What a sensor says the object is.</summary>
public enum DroneClass : byte
{
    /// <summary>Not classified.</summary>
    Unknown = 0,
    /// <summary>Unmanned aircraft, rotary wing (multicopter, helicopter).</summary>
    UavRotaryWing = 1,
    /// <summary>Unmanned aircraft, fixed wing.</summary>
    UavFixedWing = 2,
    /// <summary>Unmanned aircraft, type not known.</summary>
    Uav = 3,
    /// <summary>A drone's radio (controller or video link) without a position.</summary>
    UavTransmitter = 4,
    /// <summary>Some air vehicle, not known to be unmanned.</summary>
    AirVehicle = 5,
    /// <summary>Not a drone (bird, person, ground vehicle); kept for the journal, ignored by drone rules.</summary>
    Other = 6,
}
