namespace Reintegratie.Edge.Core.Events;

/// <summary>
/// One ring-buffer slot. Slots are allocated once, when the ring is built, and reused: producers overwrite
/// the header and the payload that <see cref="Kind"/> selects. Value-type payloads keep drone and contact
/// events allocation-free from parse to fusion; rare kinds carry an object in <see cref="Attachment"/>.
/// </summary>
public sealed class SensorEvent
{
    /// <summary>Gateway-unique, monotonically increasing id (journal <c>event_id</c>, alert evidence).</summary>
    public long EventId;

    /// <summary>What happened; selects the valid payload.</summary>
    public EventKind Kind;

    /// <summary>The source family.</summary>
    public SensorFamily Family;

    /// <summary>When the sensor observed it (sensor time where trusted, else adapter receive time).</summary>
    public DateTimeOffset At;

    /// <summary>Index in <see cref="Site.SiteModel.Sensors"/>; -1 for the gateway itself.</summary>
    public int SensorIndex;

    /// <summary>Index in <see cref="Site.SiteModel.Zones"/>; -1 when the adapter cannot place it (fusion may).</summary>
    public int ZoneIndex;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="EventKind.DroneDetection"/>.</summary>
    public DroneData Drone;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="EventKind.Perimeter"/>.</summary>
    public PerimeterData Perimeter;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="EventKind.SensorHealth"/> or <see cref="EventKind.Gateway"/>.</summary>
    public HealthData Health;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="EventKind.Handset"/>.</summary>
    public HandsetData Handset;

    /// <summary><see cref="BodycamRecording"/>, <see cref="OperatorCommand"/>, or telemetry detail.</summary>
    public object? Attachment;

    /// <summary>Writes the header (time cut to whole microseconds) and clears the attachment (payload structs are overwritten by the producer).</summary>
    public void SetHeader(in EventHeader header)
    {
        Kind = header.Kind;
        Family = header.Family;
        // Cut to whole microseconds, the journal's precision (JournalTime): fusion then decides on exactly the times a
        // replay of the journal feeds it, so a rate limit or quiet period cannot fall on the other side of a boundary.
        At = header.At.AddTicks(-(header.At.Ticks % TimeSpan.TicksPerMicrosecond));
        SensorIndex = header.SensorIndex;
        ZoneIndex = header.ZoneIndex;
        Attachment = null;
    }

    /// <summary>The header fields as a value.</summary>
    public EventHeader Header => new(Kind, Family, SensorIndex, ZoneIndex, At);

    /// <summary>Copies everything from <paramref name="other"/> (replay, tests, fan-out).</summary>
    public void CopyFrom(SensorEvent other)
    {
        ArgumentNullException.ThrowIfNull(other);
        EventId = other.EventId;
        Kind = other.Kind;
        Family = other.Family;
        At = other.At;
        SensorIndex = other.SensorIndex;
        ZoneIndex = other.ZoneIndex;
        Drone = other.Drone;
        Perimeter = other.Perimeter;
        Health = other.Health;
        Handset = other.Handset;
        Attachment = other.Attachment;
    }
}
