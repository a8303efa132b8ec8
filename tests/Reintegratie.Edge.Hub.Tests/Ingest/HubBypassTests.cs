using System.Text;
using Reintegratie.Edge.Hub.Tests.Support;
using static Reintegratie.Edge.Hub.Tests.Support.GatewayMessages;

namespace Reintegratie.Edge.Hub.Tests.Ingest;

/// <summary>The retained <c>…/bypass</c> list through a real RabbitMQ node into the real hub: current state plus history.</summary>
[Collection(HubCollection.Name)]
public sealed class HubBypassTests(HubInfrastructure infrastructure)
{
    [Fact]
    public async Task BypassLists_CurrentAndHistoryKept_RenewalAndEndTracked_RepublicationIgnored_BadListRejected()
    {
        await using var rig = await RetainedTopicRig.StartAsync(infrastructure, "t-bypass", "pi-lelystad");
        var (database, gw) = (rig.Database, rig.Gateway);

        await gw.PublishAsync("bypass", Bypasses(("east", "B1", 2)), retain: true);
        await gw.PublishAsync("bypass", Bypasses(("east", "B1", 2)), retain: true); // republished after a reconnect
        await gw.PublishAsync("bypass", Bypasses(("east", "B1", 4), ("west", "B2", 1)), retain: true); // east renewed, west started
        await gw.PublishAsync("bypass", Encoding.UTF8.GetBytes("""{"zone":"east"}"""), retain: true);
        await gw.PublishAsync("bypass", Encoding.UTF8.GetBytes("""[{"zone":"east","until":"2026-07-01T14:00:00Z"}]"""), retain: true);
        await gw.PublishAsync("bypass", Bypasses(("west", "B2", 1)), retain: true); // east expired

        await rig.WaitAsync("bypass_list_history", 3, rejected: 2);

        // One row per bypass: east renewed once to t0+4h and ended when it left the list; west in force.
        var rows = Sql.Rows(database, """
            SELECT alert_id, zone, renewals, to_char(until AT TIME ZONE 'UTC', 'HH24:MI'), ended_at IS NULL, array_to_string(authorised_by, ',') FROM bypasses ORDER BY alert_id
            """);
        Assert.Equal([["B1", "east", 1, "16:00", false, "anna,bert"], ["B2", "west", 0, "13:00", true, "anna,bert"]], rows);
        Assert.Equal(1, Sql.Scalar<int>(database, "SELECT jsonb_array_length(body) FROM bypass_lists WHERE site = 'pi-lelystad' AND gateway = 'gw1'"));
        Assert.Equal([1, 2, 1], Sql.Rows(database, "SELECT jsonb_array_length(body) FROM bypass_list_history ORDER BY id").Select(r => (int)r[0]));
        var reasons = rig.RejectionReasons();
        Assert.Contains("expected a JSON array", reasons[0], StringComparison.Ordinal);
        Assert.Contains("authorised_by", reasons[1], StringComparison.Ordinal);
    }
}
