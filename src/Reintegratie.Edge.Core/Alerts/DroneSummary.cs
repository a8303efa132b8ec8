namespace Reintegratie.Edge.Core.Alerts;

/// <summary>The drone part of an alert: what staff need to find the drone and its pilot. Unknown values are null.</summary>
public sealed record DroneSummary
{
    /// <summary>Remote ID UAS id, if broadcast.</summary>
    public string? UasId { get; init; }

    /// <summary>Track id of the sensor that saw it.</summary>
    public string? TrackId { get; init; }

    /// <summary>Latitude.</summary>
    public double? Lat { get; init; }

    /// <summary>Longitude.</summary>
    public double? Lon { get; init; }

    /// <summary>Altitude in metres.</summary>
    public double? AltM { get; init; }

    /// <summary>Speed in m/s.</summary>
    public double? SpeedMps { get; init; }

    /// <summary>Heading in degrees.</summary>
    public double? HeadingDeg { get; init; }

    /// <summary>Bearing from the detecting sensor (bearing-only sources).</summary>
    public double? BearingDeg { get; init; }

    /// <summary>Operator (pilot) latitude.</summary>
    public double? OperatorLat { get; init; }

    /// <summary>Operator (pilot) longitude.</summary>
    public double? OperatorLon { get; init; }

    /// <summary>Classification code (e.g. "uav_rotary_wing").</summary>
    public string? Classification { get; init; }

    /// <summary>True when a Remote ID track looks forged (the alert is raised all the same).</summary>
    public bool SpoofSuspected { get; init; }

    /// <summary>Why (<c>speed_jump</c>, <c>many_ids_one_mac</c>, <c>counter_replay</c>, <c>new_id_flood</c>, <c>single_receiver</c>, comma-separated), or null.</summary>
    public string? SpoofReason { get; init; }

    /// <summary>
    /// How many UAS ids the suspect transmitter announced when its ids were folded into this one alert
    /// (<c>many_ids_one_mac</c>); null for one aircraft's own track.
    /// </summary>
    public int? SpoofIdCount { get; init; }

    /// <summary>The first of those ids (at most <c>8</c>, in the order heard), or null.</summary>
    public IReadOnlyList<string>? SpoofIdSample { get; init; }

    /// <summary>Source families that saw this track ("remote_id", "sapient", "rf_detector").</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
