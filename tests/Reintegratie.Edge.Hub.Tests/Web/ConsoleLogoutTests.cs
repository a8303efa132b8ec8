using System.Net;
using Npgsql;
using Reintegratie.Edge.Hub.Operators;
using Reintegratie.Edge.Hub.Tests.Support;

namespace Reintegratie.Edge.Hub.Tests.Web;

/// <summary>Logout in a real browser: the session row and the signing key sealed in it are gone, and so is the cookie; a copy of the old cookie opens nothing.</summary>
[Collection(HubCollection.Name)]
public sealed class ConsoleLogoutTests(HubInfrastructure infrastructure)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Logout_InTheBrowser_SessionAndSealedKeyDropped_OldCookieRefused()
    {
        var database = infrastructure.Postgres.NewDatabase();
        using var hub = new HubProcess(database, infrastructure.Rabbit.AmqpEndpoints, "t-logout");
        hub.WaitConsuming();
        await using (var source = NpgsqlDataSource.Create(database))
        {
            await new OperatorStore(source, TimeProvider.System).AddAsync("m.devries", Password, CancellationToken.None);
        }

        await using var browser = await ConsoleBrowser.LaunchAsync();
        await browser.LoginAsync(hub.ConsolePort, "m.devries", Password);
        var cookie = (await browser.Page.Context.CookiesAsync()).Single(c => c.Name == "hub_session");
        Assert.Equal(1, Sql.Scalar<long>(database, "SELECT count(*) FROM operator_sessions WHERE signing_key IS NOT NULL"));
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri($"http://127.0.0.1:{hub.ConsolePort}") };
        Assert.Equal(HttpStatusCode.OK, (await StateWith(http, cookie.Value)).StatusCode); // the copy works while logged in

        await browser.Page.ClickAsync("#logout");
        await browser.Page.WaitForURLAsync("**/login");

        Assert.Equal(0, Sql.Scalar<long>(database, "SELECT count(*) FROM operator_sessions"));
        Assert.DoesNotContain(await browser.Page.Context.CookiesAsync(), c => c.Name == "hub_session");
        Assert.Equal(HttpStatusCode.Unauthorized, (await StateWith(http, cookie.Value)).StatusCode);
        await browser.Page.GotoAsync($"http://127.0.0.1:{hub.ConsolePort}/");
        Assert.EndsWith("/login", browser.Page.Url, StringComparison.Ordinal);
        Assert.Equal(1, Sql.Scalar<long>(database, "SELECT count(*) FROM console_audit WHERE operator = 'm.devries' AND action = 'logout'"));
    }

    private static Task<HttpResponseMessage> StateWith(HttpClient http, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/state");
        request.Headers.Add("Cookie", "hub_session=" + cookie);
        return http.SendAsync(request);
    }
}
