using System.Text;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>Dutch titles for staff (the machine-readable kind travels beside them).</summary>
internal static class AlertTitles
{
    public static string Drone(SiteModel site, List<int> zones) =>
        zones.Count > 0 ? $"Drone boven {ZoneNames(site, zones)}" : $"Drone binnen geofence {site.Name}";

    public static string Drop(SiteModel site, List<int> zones) => $"Vermoedelijke dropping bij {ZoneNames(site, zones)}";

    public static string Breach(SiteModel site, List<int> zones, string sensorId) =>
        zones.Count > 0 ? $"Doorbraak perimeter {ZoneNames(site, zones)}" : $"Doorbraak perimeter bij sensor {sensorId}";

    public static string Tamper(string sensorId) => $"Sabotage sensor {sensorId}";

    public static string Offline(string sensorId) => $"Sensor {sensorId} offline";

    public static string Fault(string sensorId) => $"Storing sensor {sensorId}";

    public static string BrokerPathLost() => "Verbinding met broker verbroken";

    public static string Bypassed(string zoneName) => $"Zone {zoneName} overbrugd (onderhoud)";

    public static string Contraband(SiteModel site, List<int> zones) => $"Verdacht toestel na dropping in {ZoneNames(site, zones)}";

    public static string Handset(SiteModel site, List<int> zones) =>
        zones.Count > 0 ? $"Toestel gedetecteerd in {ZoneNames(site, zones)}" : "Toestel gedetecteerd";

    /// <summary>"Noordhek", "Noordhek en Oosthek", "Noordhek, Oosthek en Zuidhek".</summary>
    public static string ZoneNames(SiteModel site, List<int> zones)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < zones.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(i == zones.Count - 1 ? " en " : ", ");
            }

            sb.Append(site.Zones[zones[i]].Name);
        }

        return sb.ToString();
    }
}
