namespace Reintegratie.Edge.Hub.Ingest;

/// <summary>The gateway topics the hub ingests (docs/MQTT.md).</summary>
public enum TopicKind
{
    /// <summary><c>…/alerts</c>: one lifecycle message.</summary>
    Alerts,

    /// <summary><c>…/alerts/active</c>: the retained list of active alerts.</summary>
    ActiveAlerts,

    /// <summary><c>…/status</c>: birth or Last Will.</summary>
    Status,

    /// <summary><c>…/sensors/{id}</c>: one sensor's health.</summary>
    Sensor,

    /// <summary><c>…/journal/head</c>: sequence and hash of the newest journal row.</summary>
    JournalHead,

    /// <summary><c>…/bypass</c>: active maintenance bypasses.</summary>
    Bypass,

    /// <summary><c>…/site</c>: the zone map (zones, polygons, geofence).</summary>
    SiteMap,
}
