namespace Reintegratie.Edge.Core.Events;

/// <summary>What a <see cref="SensorEvent"/> reports. Decides which payload field is valid.</summary>
public enum EventKind : byte
{
    /// <summary>An empty or abandoned slot; every stage skips it.</summary>
    None = 0,

    /// <summary>Pipeline clock tick (from the gateway's <see cref="TimeProvider"/>); drives quiet periods and timeouts. Not journaled.</summary>
    Tick = 1,

    /// <summary>A drone seen by any source (Remote ID, SAPIENT, RF detector). Payload: <see cref="SensorEvent.Drone"/>.</summary>
    DroneDetection = 2,

    /// <summary>A perimeter input changed state (alarm, restore, tamper, fault). Payload: <see cref="SensorEvent.Perimeter"/>.</summary>
    Perimeter = 3,

    /// <summary>A sensor's health changed (online, offline, fault, tamper). Payload: <see cref="SensorEvent.Health"/>.</summary>
    SensorHealth = 4,

    /// <summary>A handset seen by the GSM umbrella (identifiers already pseudonymised). Payload: <see cref="SensorEvent.Handset"/>.</summary>
    Handset = 5,

    /// <summary>Bodycam recording metadata (wearer pseudonymised). Payload: <see cref="SensorEvent.Attachment"/> is a <see cref="BodycamRecording"/>.</summary>
    Bodycam = 6,

    /// <summary>An operator command (ack, bypass, resync). Payload: <see cref="SensorEvent.Attachment"/> is an <see cref="OperatorCommand"/>.</summary>
    Command = 7,

    /// <summary>A gateway-internal technical condition (broker path lost/restored, journal trouble, outbox shedding). Payload: <see cref="SensorEvent.Health"/>.</summary>
    Gateway = 8,

    /// <summary>High-rate sensor telemetry (e.g. SAPIENT status detail, RF spectrum samples). May be shed when the ring is full.</summary>
    Telemetry = 9,
}
