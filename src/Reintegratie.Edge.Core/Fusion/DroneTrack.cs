using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// One drone as fusion knows it: the sensors' track identities that were correlated to it, the latest known value
/// of every field (a later detection overwrites only what it knows), and its alert. Pooled and reused.
/// </summary>
internal sealed class DroneTrack
{
    private FixedAscii32 _uasId;
    private FixedAscii32 _trackId;
    private double _lat;
    private double _lon;
    private float _altM;
    private float _speedMps;
    private float _headingDeg;
    private float _bearingDeg;
    private double _operatorLat;
    private double _operatorLon;
    private bool _hasOperator;
    private bool _hasBearing;
    private DroneClass _class;
    private SpoofReasons _spoof;
    private int _spoofIdCount;
    private readonly FixedAscii32[] _spoofIds = new FixedAscii32[SpoofSampleSize];
    private int _spoofIdsHeld;

    /// <summary>UAS ids of a folded (many ids, one MAC) track kept as a sample for the alert.</summary>
    public const int SpoofSampleSize = 8;

    public DroneTrack()
    {
        Reset();
    }

    public List<TrackIdentity> Identities { get; } = new(4);

    public DroneSources Sources { get; private set; }

    public bool HasPosition { get; private set; }

    public double Latitude => _lat;

    public double Longitude => _lon;

    public DateTimeOffset LastSeen { get; private set; }

    /// <summary>Latest zone the track was placed in (-1: none).</summary>
    public int Zone { get; set; } = -1;

    public AlertState? Alert { get; set; }

    public ref readonly FixedAscii32 UasId => ref _uasId;

    /// <summary>True once any detection of the track was flagged as looking forged.</summary>
    public bool SpoofSuspected => _spoof != SpoofReasons.None;

    public ref readonly FixedAscii32 TrackId => ref _trackId;

    /// <summary>Merges a detection; true when its family is a new source for this track.</summary>
    public bool Apply(SensorFamily family, in DroneData d, DateTimeOffset at)
    {
        var source = SourceOf(family);
        var added = (Sources & source) == 0;
        Sources |= source;
        LastSeen = at > LastSeen ? at : LastSeen;
        if (_trackId.IsEmpty)
        {
            _trackId = d.TrackId;
        }

        if (!d.UasId.IsEmpty)
        {
            _uasId = d.UasId;
        }

        if (d.HasPosition)
        {
            HasPosition = true;
            _lat = d.Latitude;
            _lon = d.Longitude;
        }

        Keep(ref _altM, d.AltitudeM);
        Keep(ref _speedMps, d.SpeedMps);
        Keep(ref _headingDeg, d.HeadingDeg);
        if (d.HasBearing)
        {
            _hasBearing = true;
            _bearingDeg = d.BearingDeg;
        }

        if (d.HasOperator)
        {
            _hasOperator = true;
            _operatorLat = d.OperatorLatitude;
            _operatorLon = d.OperatorLongitude;
        }

        if (d.Classification != DroneClass.Unknown && (_class == DroneClass.Unknown || d.Classification < _class))
        {
            _class = d.Classification; // lower values are the more specific UAV classes
        }

        _spoof |= d.Spoof; // once suspected, the alert keeps saying so
        if (d.SpoofIdCount > 0)
        {
            _spoofIdCount = Math.Max(_spoofIdCount, d.SpoofIdCount);
            Sample(in d.UasId);
        }
        return added;
    }

    public static DroneSources SourceOf(SensorFamily family) => family switch
    {
        SensorFamily.RemoteId => DroneSources.RemoteId,
        SensorFamily.Sapient => DroneSources.Sapient,
        SensorFamily.RfDetector => DroneSources.RfDetector,
        _ => DroneSources.Other,
    };

    /// <summary>Makes the alert's drone part (only when a revision is published).</summary>
    public DroneSummary Summarise() => new()
    {
        UasId = _uasId.IsEmpty ? null : _uasId.ToString(),
        TrackId = _trackId.IsEmpty ? null : _trackId.ToString(),
        Lat = HasPosition ? _lat : null,
        Lon = HasPosition ? _lon : null,
        AltM = Known(_altM),
        SpeedMps = Known(_speedMps),
        HeadingDeg = Known(_headingDeg),
        BearingDeg = _hasBearing ? _bearingDeg : null,
        OperatorLat = _hasOperator ? _operatorLat : null,
        OperatorLon = _hasOperator ? _operatorLon : null,
        Classification = DroneCodes.Classification(_class),
        Sources = DroneCodes.Sources(Sources),
        SpoofSuspected = _spoof != SpoofReasons.None,
        SpoofReason = DroneCodes.Spoof(_spoof),
        SpoofIdCount = _spoofIdCount > 0 ? _spoofIdCount : null,
        SpoofIdSample = _spoofIdsHeld > 0 ? [.. _spoofIds.AsSpan(0, _spoofIdsHeld).ToArray().Select(id => id.ToString())] : null,
    };

    /// <summary>Clears everything for reuse from the pool.</summary>
    public void Reset()
    {
        Identities.Clear();
        Sources = DroneSources.None;
        HasPosition = _hasOperator = _hasBearing = false;
        _uasId.Clear();
        _trackId.Clear();
        _altM = _speedMps = _headingDeg = float.NaN;
        _class = DroneClass.Unknown;
        _spoof = SpoofReasons.None;
        _spoofIdCount = _spoofIdsHeld = 0;
        LastSeen = default;
        Zone = -1;
        Alert = null;
    }

    private void Sample(in FixedAscii32 id)
    {
        if (id.IsEmpty || _spoofIdsHeld == SpoofSampleSize)
        {
            return; // bounded: the count keeps going, the sample keeps the first ids heard
        }

        for (var i = 0; i < _spoofIdsHeld; i++)
        {
            if (_spoofIds[i] == id)
            {
                return;
            }
        }

        _spoofIds[_spoofIdsHeld++] = id;
    }

    private static void Keep(ref float field, float value)
    {
        if (!float.IsNaN(value))
        {
            field = value;
        }
    }

    private static double? Known(float value) => float.IsNaN(value) ? null : Math.Round(value, 2);
}
