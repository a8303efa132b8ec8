using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// One configured SAPIENT node: its sensor in the site model and what we learnt from it (position, heartbeat
/// interval). Shared by the connections of one listener; its mutable state is guarded by a lock.
/// </summary>
public sealed class SapientNode
{
    private readonly Lock _gate = new();
    private (double Lat, double Lon)? _reportedPosition;
    private string? _utmZone;

    /// <summary>Creates the binding.</summary>
    public SapientNode(Sensor sensor, Guid nodeId)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        Sensor = sensor;
        NodeId = nodeId;
    }

    /// <summary>The sensor in the site model.</summary>
    public Sensor Sensor { get; }

    /// <summary>The node's UUID.</summary>
    public Guid NodeId { get; }

    /// <summary>Heartbeat interval from the node's registration, when it gave one.</summary>
    public TimeSpan? StatusInterval { get; set; }

    /// <summary>
    /// Where range/bearing detections are measured from: the configured position first (surveyed), else the
    /// latest node location the node reported in WGS-84 degrees.
    /// </summary>
    public (double Lat, double Lon)? Origin
    {
        get
        {
            if (Sensor.Position is { } p)
            {
                return (p.Lat, p.Lon);
            }

            lock (_gate)
            {
                return _reportedPosition;
            }
        }
    }

    /// <summary>
    /// The UTM zone the node registered for its locations (LocationType.zone), e.g. <c>31U</c>; null when it
    /// registered none. A location in UTM without its own zone is read in this one.
    /// </summary>
    public string? UtmZone
    {
        get
        {
            lock (_gate)
            {
                return _utmZone;
            }
        }

        set
        {
            lock (_gate)
            {
                _utmZone = value;
            }
        }
    }

    /// <summary>Records the node's own report of its position.</summary>
    public void SetReportedPosition(double lat, double lon)
    {
        lock (_gate)
        {
            _reportedPosition = (lat, lon);
        }
    }
}
