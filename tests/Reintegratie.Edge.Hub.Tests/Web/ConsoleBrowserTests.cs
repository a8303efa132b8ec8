using System.Globalization;
using System.Text.Json;
using Npgsql;
using Reintegratie.Edge.Hub.Operators;
using Reintegratie.Edge.Hub.Tests.Support;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace Reintegratie.Edge.Hub.Tests.Web;

/// <summary>
/// The console in a real browser (headless Chromium via Playwright) with a real simulated gateway publishing through
/// RabbitMQ into the real hub: an alert appears on the page within a second of the gateway raising it, and
/// acknowledging it on the page (signed with the operator's own key) reaches the gateway's journal (and comes back as the acknowledged revision); the site
/// view draws the gateway's zone map with the alerts' zones highlighted, and a bypass appears live.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class ConsoleBrowserTests(HubInfrastructure infrastructure, ITestOutputHelper output)
{
    private const string Password = "correct horse battery";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SimulatedGatewayAlert_AppearsLiveWithinASecond_AcknowledgeReachesTheGatewayJournal()
    {
        var database = infrastructure.Postgres.NewDatabase();
        // No console key: the operator signs with their own key, which the gateway lists for the ack verb only.
        using var hub = new HubProcess(database, infrastructure.Rabbit.AmqpEndpoints, "t-browser");
        hub.WaitConsuming();
        string operatorKey;
        await using (var source = NpgsqlDataSource.Create(database))
        {
            operatorKey = await new OperatorStore(source, TimeProvider.System).AddAsync("m.devries", Password, CancellationToken.None);
        }

        await using var browser = await ConsoleBrowser.LaunchAsync();
        await browser.LoginAsync(hub.ConsolePort, "m.devries", Password);
        // Record when each alert row first shows up on the page (browser clock = this machine's clock).
        await browser.Page.EvaluateAsync("""
            () => { window.__seen = {}; new MutationObserver(() => { for (const tr of document.querySelectorAll('#alerts tr')) {
              window.__seen[tr.dataset.alertId] ??= Date.now(); } }).observe(document.getElementById('alerts'), { childList: true }); }
            """);

        using var gateway = new SimulatedGateway("t-browser", "pi-browser", [infrastructure.Rabbit.Nodes[0].MqttPort],
            "--Mqtt:Commands:Keys:m.devries:PublicKey=" + operatorKey, "--Mqtt:Commands:Keys:m.devries:Verbs:0=ack");
        var row = await browser.Page.WaitForSelectorAsync("#alerts tr.drone_incursion", new() { Timeout = (float)s_timeout.TotalMilliseconds });
        var alertId = await row!.GetAttributeAsync("data-alert-id");
        var seen = await browser.Page.EvaluateAsync<JsonElement>("() => window.__seen");
        var firstSeen = Sql.Scalar<DateTime>(database, "SELECT first_seen FROM alerts WHERE alert_id = $1", alertId!);
        var appeared = DateTimeOffset.FromUnixTimeMilliseconds((long)seen.GetProperty(alertId!).GetDouble());
        var latency = appeared - new DateTimeOffset(firstSeen, TimeSpan.Zero);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alert {alertId}: first seen at the gateway {firstSeen:HH:mm:ss.fff}, on the page {appeared:HH:mm:ss.fff}: {latency.TotalMilliseconds:0} ms"));
        Assert.True(latency < TimeSpan.FromSeconds(1), $"the alert took {latency.TotalMilliseconds:0} ms from the gateway to the page");

        // The page re-renders its rows on every change: address the row by alert id, not by the element seen above.
        await browser.Page.Locator($"#alerts tr[data-alert-id='{alertId}'] button").ClickAsync();
        // The gateway's acknowledgement names the verified key: the operator's own.
        await Wait.UntilAsync(() => Sql.Scalar<string>(database, "SELECT acknowledged_by FROM alerts WHERE alert_id = $1", alertId!) == "m.devries",
            s_timeout, "the acknowledged revision back from the gateway\n" + gateway.Output);
        await browser.Page.WaitForSelectorAsync($"#alerts tr[data-alert-id='{alertId}'] td:has-text('m.devries')");

        var journal = gateway.Export();
        var commands = journal.Where(line => line.Contains("command", StringComparison.Ordinal) && line.Contains(alertId!, StringComparison.Ordinal)).ToList();
        output.WriteLine("journaled commands for the alert:\n" + string.Join('\n', commands));
        Assert.Contains(commands, line => line.Contains("\"type\":\"command\"", StringComparison.Ordinal) && line.Contains("\"operator\":\"m.devries\"", StringComparison.Ordinal)
            && line.Contains("\"key_id\":\"m.devries\"", StringComparison.Ordinal) && line.Contains("\"refusal\":null", StringComparison.Ordinal));

        // The site view: the gateway's own zone map (…/site, from its site configuration) drawn as polygons, the zones of
        // the site's active alerts highlighted, the drone on the map.
        await browser.Page.SelectOptionAsync("#site", "pi-browser");
        await browser.Page.WaitForSelectorAsync("#map polygon.zone[data-zone='Z1']", new() { Timeout = (float)s_timeout.TotalMilliseconds });
        Assert.Equal(7, await browser.Page.Locator("#map polygon.zone").CountAsync()); // the default scenario's seven zones
        Assert.Equal(1, await browser.Page.Locator("#map polygon.geofence").CountAsync());
        Assert.Equal(4, (await browser.Page.GetAttributeAsync("#map polygon.zone[data-zone='Z1']", "points"))!.Split(' ').Length);
        // One read of the page (a live refresh re-renders table and map together).
        var page = await browser.Page.EvaluateAsync<string[][]>("""
            () => [[...document.querySelectorAll('#map polygon.zone.alerted')].map(p => p.dataset.zone),
                   [...document.querySelectorAll('#alerts tr')].flatMap(tr => tr.children[4].textContent.split(', ').filter(z => z))]
            """);
        var (highlighted, alertZones) = (page[0], page[1]);
        output.WriteLine($"highlighted zones {string.Join(',', highlighted)}; zones of the active alerts {string.Join(',', alertZones)}");
        Assert.NotEmpty(highlighted);
        Assert.Equal(alertZones.Distinct().Order(StringComparer.Ordinal), highlighted.Order(StringComparer.Ordinal));
        Assert.True(await browser.Page.Locator("#map g.drone circle").CountAsync() >= 1);

        // A bypass list arriving for the site shows up live: listed, and its zone marked on the map.
        await using (var publisher = await GatewayPublisher.ConnectAsync(infrastructure.Rabbit.Nodes[0].MqttPort, "t-browser", "pi-browser", "gw-bypass"))
        {
            await publisher.PublishAsync("bypass", GatewayMessages.Bypasses(("Z4", "bp-1", 2)), retain: true);
        }

        await browser.Page.WaitForSelectorAsync("#bypasses tr[data-zone='Z4']", new() { Timeout = (float)s_timeout.TotalMilliseconds });
        await browser.Page.WaitForSelectorAsync("#map polygon.zone.bypassed[data-zone='Z4']");
    }
}
