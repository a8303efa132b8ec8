using System.Text;
using Reintegratie.Edge.Hub.Tests.Support;
using static Reintegratie.Edge.Hub.Tests.Support.GatewayMessages;

namespace Reintegratie.Edge.Hub.Tests.Ingest;

/// <summary>The retained <c>…/site</c> zone map through a real RabbitMQ node into the real hub.</summary>
[Collection(HubCollection.Name)]
public sealed class HubSiteMapTests(HubInfrastructure infrastructure)
{
    [Fact]
    public async Task SiteMap_KeptPerGateway_ChangesArchived_RepublicationIgnored_BadMapsRejected()
    {
        await using var rig = await RetainedTopicRig.StartAsync(infrastructure, "t-sitemap", "pi-almelo");
        var (database, gw) = (rig.Database, rig.Gateway);

        await gw.PublishAsync("site", SiteMap(0.001, "Z1", "Z2"), retain: true);
        await gw.PublishAsync("site", SiteMap(0.001, "Z1", "Z2"), retain: true); // republished after a reconnect
        await gw.PublishAsync("site", Encoding.UTF8.GetBytes("""{"name":"x","geofence":null,"zones":[{"id":"Z1","polygon":[{"lat":51,"lon":5},{"lat":51,"lon":6}]}]}"""), retain: true);
        await gw.PublishAsync("site", Encoding.UTF8.GetBytes("""{"name":"x","geofence":[{"lat":91,"lon":5},{"lat":51,"lon":6},{"lat":52,"lon":6}],"zones":[]}"""), retain: true);
        await gw.PublishAsync("site", SiteMap(0.002, "Z1", "Z2", "Z3"), retain: true); // the site configuration changed

        await rig.WaitAsync("site_map_history", 2, rejected: 2);

        Assert.Equal(["Z1", "Z2", "Z3"], Sql.Rows(database, "SELECT z->>'id' FROM site_maps, jsonb_array_elements(body->'zones') z WHERE site = 'pi-almelo' AND gateway = 'gw1'")
            .Select(r => (string)r[0]));
        var reasons = rig.RejectionReasons();
        Assert.Contains("zones[Z1].polygon: expected null or an array of 3", reasons[0], StringComparison.Ordinal);
        Assert.Contains("geofence: lat must be in [-90, 90]", reasons[1], StringComparison.Ordinal);
    }
}
