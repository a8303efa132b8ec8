using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// The gateway configuration: JSON through the .NET JSON configuration provider, bound to <see cref="SiteOptions"/>,
/// then <see cref="SiteModel.Build"/> and a few model queries. The rejections are the ones the gateway turns into
/// exit 78 (GatewayConfiguration / GatewayValidation): a file that is not valid JSON (FormatException,
/// InvalidDataException), a value the binder cannot convert (InvalidOperationException), and ConfigurationException.
/// </summary>
internal sealed class SiteConfigurationTarget : IFuzzTarget
{
    public string Name => "config";

    public string Description => "gateway configuration JSON -> SiteOptions -> SiteModel.Build";

    public void Run(ReadOnlySpan<byte> input)
    {
        // The gateway reads files with AddJsonFile, i.e. JsonConfigurationProvider.Load(Stream), which turns a
        // JsonException into FormatException. (AddJsonStream does not wrap it: the gateway only uses that for the
        // overlay it serialises itself.) The root is built first because its constructor Load()s the provider, which
        // for an optional source without a file clears the data; the stream is loaded after.
        var provider = new JsonConfigurationProvider(new JsonConfigurationSource { Optional = true });
        var configuration = new ConfigurationRoot([provider]);
        try
        {
            provider.Load(new MemoryStream(input.ToArray()));
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            return;
        }

        SiteOptions options;
        try
        {
            options = configuration.GetSection(SiteOptions.Section).Get<SiteOptions>(o => o.ErrorOnUnknownConfiguration = false) ?? new SiteOptions();
        }
        catch (InvalidOperationException)
        {
            return;
        }

        SiteModel site;
        try
        {
            site = SiteModel.Build(options);
        }
        catch (ConfigurationException)
        {
            return;
        }

        Query(site, options);
    }

    public void WriteSeeds(SeedSources sources, SeedWriter corpus)
    {
        foreach (var (name, json) in sources.ShippedConfiguration())
        {
            corpus.Add(name, json);
        }

        corpus.Add("minimal", """{"Site":{"Name":"PI","Zones":[{"Id":"Z1","Adjacent":["Z2"]},{"Id":"Z2"}],"Sensors":[{"Id":"rid-1","Family":"RemoteId","Zone":"Z1"}],"Sectors":[{"Sensor":"rid-1","FromDeg":330,"ToDeg":30,"Zone":"Z2"}]}}""");
    }

    // The queries fusion makes per event, over the points the configuration itself names, so a model that builds
    // but cannot answer them is found too.
    private static void Query(SiteModel site, SiteOptions options)
    {
        var points = options.Geofence.Concat(options.Zones.SelectMany(z => z.Polygon)).Append(new GeoPoint { Lat = 51, Lon = 5 });
        foreach (var p in points)
        {
            _ = site.InGeofence(p.Lat, p.Lon);
            _ = site.LocateZone(p.Lat, p.Lon);
        }

        for (var s = -1; s < Math.Min(site.Sensors.Count, 16); s++)
        {
            _ = site.SensorId(s);
            for (var bearing = 0.0; bearing < 360; bearing += 45)
            {
                _ = site.SectorZone(s, bearing);
            }
        }

        // Indexes come from the model itself (-1 = no zone); capped so a huge zone list does not make every run slow.
        var zones = Math.Min(site.Zones.Count, 16);
        for (var a = -1; a < zones; a++)
        {
            _ = site.ZoneId(a);
            for (var b = -1; b < zones; b++)
            {
                _ = site.IsSameOrAdjacent(a, b);
            }
        }
    }
}
