using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// Rule 1, drone incursion: all detections of one drone (one track, or tracks of different families correlated
/// within <see cref="FusionOptions.CorrelationMeters"/> and <see cref="FusionOptions.CorrelationSeconds"/>) inside
/// the geofence or a zone make one alert; new zones and sources publish at once, position changes at most every
/// <see cref="FusionOptions.UpdateMinIntervalSeconds"/>; it ends after <see cref="FusionOptions.DroneQuietSeconds"/>.
/// Steady-state detections of a known track allocate nothing.
/// </summary>
internal sealed class DroneIncursionRule
{
    private readonly FusionContext _ctx;
    private readonly DroneTrackTable _tracks;
    private readonly List<OrphanDroneAlert> _orphans = [];

    public DroneIncursionRule(FusionContext ctx)
    {
        _ctx = ctx;
        _tracks = new DroneTrackTable(ctx.Options, ctx.Site);
        Memory = new DroneZoneMemory(ctx.Site.Zones.Count);
    }

    /// <summary>Spoof-suspected tracks pushed out (their alerts ended) because the track table was over capacity.</summary>
    public long EvictedSuspect { get; private set; }

    /// <summary>Where alerted drones were last seen, per zone (read by the drop rule).</summary>
    public DroneZoneMemory Memory { get; }

    /// <summary>No track and no orphaned alert: a sweep has nothing to do.</summary>
    public bool Idle => _tracks.Tracks.Count == 0 && _orphans.Count == 0;

    public void OnDetection(SensorEvent e, int sensor, int zoneHint)
    {
        ref readonly var d = ref e.Drone;
        if (d.Classification == DroneClass.Other)
        {
            return; // birds, people, vehicles: journaled, not a drone rule's business
        }

        var site = _ctx.Site;
        var inside = false;
        var zone = zoneHint;
        if (d.HasPosition)
        {
            var located = site.LocateZone(d.Latitude, d.Longitude);
            zone = located >= 0 ? located : zoneHint;
            inside = zone >= 0 || site.InGeofence(d.Latitude, d.Longitude);
        }
        else
        {
            if (zone < 0 && d.HasBearing)
            {
                zone = site.SectorZone(sensor, d.BearingDeg); // bearing-only: the sector says where
            }

            inside = zone >= 0;
        }

        var track = _tracks.Find(new TrackIdentity(sensor, e.Family, d.TrackKey), e.Family, in d, zone, e.At);
        if (track.Sources == DroneSources.None && _tracks.Tracks.Count > _ctx.Options.TrackCapacity) // a new track
        {
            EvictSuspect(track, e.At, e.EventId);
        }

        var newSource = track.Apply(e.Family, in d, e.At);
        if (zone >= 0)
        {
            track.Zone = zone;
        }

        var alert = track.Alert ?? Adopt(track);
        if (alert is null)
        {
            if (inside && !_ctx.Bypass.Suppress(zone, AlertKind.DroneIncursion, e.At, e.EventId))
            {
                Open(track, zone, sensor, e);
            }

            return;
        }

        alert.AddEvidence(e.EventId, e.At);
        var immediate = newSource | alert.AddSensor(_ctx.SensorId(sensor));
        if (alert.AddZone(zone))
        {
            alert.Title = AlertTitles.Drone(site, alert.Zones);
            immediate = true;
        }

        Memory.Record(zone, e.At, alert.Id);
        if (immediate)
        {
            _ctx.Alerts.Publish(alert, e.At, e.EventId);
        }
        else
        {
            _ctx.Alerts.Touch(alert, e.At, e.EventId);
        }
    }

    /// <summary>Ends incursions quiet for <see cref="FusionOptions.DroneQuietSeconds"/> and recycles their tracks.</summary>
    public void Sweep(DateTimeOffset now, long cause)
    {
        var quiet = _ctx.Options.DroneQuietSeconds;
        var tracks = _tracks.Tracks;
        for (var i = 0; i < tracks.Count; i++)
        {
            var track = tracks[i];
            if ((now - track.LastSeen).TotalSeconds < quiet)
            {
                continue;
            }

            if (track.Alert is { } a)
            {
                _ctx.Alerts.End(a, track.LastSeen.AddSeconds(quiet), now, cause);
            }

            _tracks.Release(i--);
        }

        for (var i = _orphans.Count - 1; i >= 0; i--)
        {
            var a = _orphans[i].Alert;
            if ((now - a.LastSeen).TotalSeconds >= quiet)
            {
                _orphans.RemoveAt(i);
                _ctx.Alerts.End(a, a.LastSeen.AddSeconds(quiet), now, cause);
            }
        }
    }

    /// <summary>Takes back a restored incursion; a live track with its UAS id or track id continues it.</summary>
    public void Restore(AlertState alert)
    {
        var d = alert.RestoredDrone;
        foreach (var z in alert.Zones)
        {
            Memory.Record(z, alert.LastSeen, alert.Id); // a net alarm just after a restart still finds the drone
        }

        _orphans.Add(new OrphanDroneAlert(alert, FixedAscii32.From(d?.UasId ?? string.Empty), FixedAscii32.From(d?.TrackId ?? string.Empty)));
    }

    /// <summary>
    /// Bounds a flood of forged tracks: the least recently seen spoof-suspected track (never <paramref name="keep"/>,
    /// never a plausible one) ends its alert and goes back to the pool. The ended alert and the counter say so.
    /// </summary>
    private void EvictSuspect(DroneTrack keep, DateTimeOffset at, long cause)
    {
        var tracks = _tracks.Tracks;
        var victim = -1;
        for (var i = 0; i < tracks.Count; i++)
        {
            var t = tracks[i];
            if (t != keep && t.SpoofSuspected && (victim < 0 || t.LastSeen < tracks[victim].LastSeen))
            {
                victim = i;
            }
        }

        if (victim < 0)
        {
            return; // only plausible drones: more tracks still work
        }

        if (tracks[victim].Alert is { } a)
        {
            _ctx.Alerts.End(a, tracks[victim].LastSeen, at, cause);
        }

        _tracks.Release(victim);
        EvictedSuspect++;
    }

    private AlertState? Adopt(DroneTrack track)
    {
        for (var i = 0; i < _orphans.Count; i++)
        {
            if (_orphans[i].Matches(in track.UasId, in track.TrackId))
            {
                var alert = _orphans[i].Alert;
                _orphans.RemoveAt(i);
                alert.DroneSource = track;
                alert.RestoredDrone = null;
                track.Alert = alert;
                return alert;
            }
        }

        return null;
    }

    private void Open(DroneTrack track, int zone, int sensor, SensorEvent e)
    {
        var alerts = _ctx.Alerts;
        var alert = alerts.Create(AlertKind.DroneIncursion, _ctx.Options.DroneIncursionSeverity, e.At, string.Empty);
        alert.AddZone(zone);
        alert.Title = AlertTitles.Drone(_ctx.Site, alert.Zones);
        alert.AddSensor(_ctx.SensorId(sensor));
        alert.AddEvidence(e.EventId, e.At);
        alert.DroneSource = track;
        track.Alert = alert;
        Memory.Record(zone, e.At, alert.Id);
        alerts.Publish(alert, e.At, e.EventId);
    }
}
