using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// Drone tracks by sensor track identity, pre-sized and pooled so that a known track costs one dictionary lookup
/// and no allocation. A new identity is correlated with a live track of another family when both are placed
/// within the correlation distance (or, without a position, in the same zone, or on a bearing from the detecting sensor
/// that points at the track within <see cref="BearingToleranceDeg"/>) and time; else it starts a track.
/// </summary>
internal sealed class DroneTrackTable
{
    private readonly Dictionary<TrackIdentity, DroneTrack> _byIdentity;
    private readonly Stack<DroneTrack> _pool;
    private readonly double _metres;
    private readonly double _seconds;
    private readonly Site.SiteModel? _site;

    /// <summary>A bearing-only detection joins a positioned track when the bearing from its sensor to the track is this close.</summary>
    public const double BearingToleranceDeg = 15;

    public DroneTrackTable(FusionOptions options, Site.SiteModel? site = null)
    {
        _site = site;
        _byIdentity = new Dictionary<TrackIdentity, DroneTrack>(options.TrackCapacity * 2);
        Tracks = new List<DroneTrack>(options.TrackCapacity);
        _pool = new Stack<DroneTrack>(options.TrackCapacity);
        for (var i = 0; i < options.TrackCapacity; i++)
        {
            _pool.Push(new DroneTrack());
        }

        _metres = options.CorrelationMeters;
        _seconds = options.CorrelationSeconds;
    }

    /// <summary>Live tracks, oldest first (deterministic iteration order).</summary>
    public List<DroneTrack> Tracks { get; }

    public DroneTrack Find(TrackIdentity identity, SensorFamily family, in DroneData d, int zone, DateTimeOffset at)
    {
        if (_byIdentity.TryGetValue(identity, out var track))
        {
            return track;
        }

        track = Correlate(DroneTrack.SourceOf(family), in d, zone, at, identity.Sensor);
        if (track is null)
        {
            track = _pool.Count > 0 ? _pool.Pop() : new DroneTrack();
            Tracks.Add(track);
        }

        track.Identities.Add(identity);
        _byIdentity.Add(identity, track);
        return track;
    }

    /// <summary>Forgets the track at <paramref name="index"/> and returns it to the pool.</summary>
    public void Release(int index)
    {
        var track = Tracks[index];
        Tracks.RemoveAt(index);
        foreach (var id in track.Identities)
        {
            _byIdentity.Remove(id);
        }

        track.Reset();
        _pool.Push(track);
    }

    private DroneTrack? Correlate(DroneSources source, in DroneData d, int zone, DateTimeOffset at, int sensor)
    {
        foreach (var t in Tracks)
        {
            if ((t.Sources & source) != 0 || Math.Abs((at - t.LastSeen).TotalSeconds) > _seconds)
            {
                continue; // one family's distinct tracks are distinct drones
            }

            var near = d.HasPosition && t.HasPosition
                ? GeoMath.DistanceMetres(d.Latitude, d.Longitude, t.Latitude, t.Longitude) <= _metres
                : (zone >= 0 && t.Zone == zone) || PointsAt(in d, sensor, t);
            if (near)
            {
                return t;
            }
        }

        return null;
    }

    private bool PointsAt(in DroneData d, int sensor, DroneTrack t)
    {
        if (!d.HasBearing || !t.HasPosition || _site is null || (uint)sensor >= (uint)_site.Sensors.Count
            || _site.Sensors[sensor].Position is not { } p)
        {
            return false;
        }

        var bearing = GeoMath.BearingDeg(p.Lat, p.Lon, t.Latitude, t.Longitude);
        var diff = Math.Abs(((bearing - d.BearingDeg) % 360 + 540) % 360 - 180);
        return diff <= BearingToleranceDeg;
    }
}
