using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using Reintegratie.Edge.Hub.Operators;
using Reintegratie.Edge.Hub.Tests.Support;
using Reintegratie.Edge.Mqtt.Commands;
using Reintegratie.Edge.Mqtt.Tests.Support;
using static Reintegratie.Edge.Hub.Tests.Support.GatewayMessages;

namespace Reintegratie.Edge.Hub.Tests.Web;

/// <summary>
/// The console's HTTP surface against the real hub process: no access without a login, CSRF header, live state,
/// acknowledge signed with the operator's own key (the console key only for an account without one).
/// </summary>
[Collection(HubCollection.Name)]
public sealed class ConsoleApiTests(HubInfrastructure infrastructure)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Console_LoginRequired_AlertsListed_AckSendsGatewayCommand_HubAlertClosed()
    {
        var database = infrastructure.Postgres.NewDatabase();
        var node = infrastructure.Rabbit.Nodes[0];
        var keyDir = Directory.CreateTempSubdirectory("edge-hub-key-").FullName;
        using var consoleKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keyFile = Path.Combine(keyDir, "console.key");
        File.WriteAllText(keyFile, consoleKey.ExportPkcs8PrivateKeyPem());
        using var hub = new HubProcess(database, infrastructure.Rabbit.AmqpEndpoints, "t-console", $"--Hub:CommandKeyFile={keyFile}", "--Hub:CommandKeyId=console-t");
        hub.WaitConsuming();
        string operatorKey;
        await using (var source = NpgsqlDataSource.Create(database))
        {
            operatorKey = await new OperatorStore(source, TimeProvider.System).AddAsync("j.jansen", "correct horse battery", CancellationToken.None);
        }

        // An account from before per-operator keys: a password, no key of its own.
        Sql.Scalar<int>(database, "INSERT INTO operators (name, password, created_at) VALUES ('k.oud', $1, now())", PasswordHasher.Hash("older account password"));

        await using var gateway = TestMqttClient.Create(node.MqttPort, "t-console-gw-sub", v5: false);
        await gateway.ConnectWithRetryAsync(s_timeout);
        await gateway.SubscribeAsync("t-console/pi-zwolle/gw1/cmd/#");
        await using var gw = await GatewayPublisher.ConnectAsync(node.MqttPort, "t-console", "pi-zwolle");
        await gw.PublishAsync("alerts", Lifecycle("Z1", 1));
        await gw.PublishAsync("alerts", Lifecycle("Z2", 1));
        await gw.PublishAsync("journal/head", Head(10, Hash(10)));
        await gw.PublishAsync("journal/head", Head(4, Hash(4)));
        await gw.PublishAsync("status", Status("offline"));
        await Wait.UntilAsync(() => Sql.Scalar<long>(database, "SELECT count(*) FROM alerts") == 3
            && Sql.Scalar<long>(database, "SELECT count(*) FROM gateway_status") == 1, s_timeout, "alert, discontinuity and status\n" + hub.Output);

        using var anonymous = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{hub.ConsolePort}") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/state")).StatusCode);
        var refused = await anonymous.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "j.jansen", ["password"] = "wrong password!" }));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = anonymous.BaseAddress };
        var login = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "j.jansen", ["password"] = "correct horse battery" }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("httponly", login.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);

        using var state = JsonDocument.Parse(await browser.GetStringAsync("/api/state?site=pi-zwolle"));
        var alerts = state.RootElement.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal(["journal_discontinuity", "drone_incursion", "drone_incursion"], alerts.Select(a => a.GetProperty("kind").GetString()));
        Assert.Equal("offline", state.RootElement.GetProperty("offline")[0].GetProperty("state").GetString());

        // Without the console header a cross-site form post is refused, even with the cookie.
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync("/api/alerts/Z1/ack", null)).StatusCode);

        using var ack = new HttpRequestMessage(HttpMethod.Post, "/api/alerts/Z1/ack") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["note"] = "gezien" }) };
        ack.Headers.Add("X-Hub-Console", "1");
        Assert.Equal(HttpStatusCode.Accepted, (await browser.SendAsync(ack)).StatusCode);
        await Wait.UntilAsync(() => gateway.On("t-console/pi-zwolle/gw1/cmd/ack").Count == 1, s_timeout, "the ack command at the gateway");
        using var command = JsonDocument.Parse(gateway.On("t-console/pi-zwolle/gw1/cmd/ack")[0].Payload);
        Assert.Equal("Z1", command.RootElement.GetProperty("alert_id").GetString());
        Assert.Equal("j.jansen", command.RootElement.GetProperty("operator").GetString());
        Assert.Equal("gezien", command.RootElement.GetProperty("note").GetString());
        // Signed by the operator's own key (key id = operator name) over the canonical bytes for this gateway's root
        // (docs/MQTT.md "Signed commands"), not by the console key the hub also has.
        using var operatorPublic = ECDsa.Create();
        operatorPublic.ImportSubjectPublicKeyInfo(Convert.FromBase64String(operatorKey), out _);
        AssertSignedBy("j.jansen", operatorPublic, gateway.On("t-console/pi-zwolle/gw1/cmd/ack")[0].Payload);

        var discontinuity = alerts[0].GetProperty("id").GetString()!;
        using var close = new HttpRequestMessage(HttpMethod.Post, $"/api/alerts/{discontinuity}/ack");
        close.Headers.Add("X-Hub-Console", "1");
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(close)).StatusCode);
        Assert.Equal("j.jansen", Sql.Scalar<string>(database, "SELECT acknowledged_by FROM alerts WHERE alert_id = $1", discontinuity));

        // The older account has no key of its own: the console key signs, as the documented fallback.
        using var olderHandler = new HttpClientHandler { AllowAutoRedirect = false };
        using var older = new HttpClient(olderHandler) { BaseAddress = anonymous.BaseAddress };
        Assert.Equal(HttpStatusCode.Redirect, (await older.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "k.oud", ["password"] = "older account password" }))).StatusCode);
        using var olderAck = new HttpRequestMessage(HttpMethod.Post, "/api/alerts/Z2/ack");
        olderAck.Headers.Add("X-Hub-Console", "1");
        Assert.Equal(HttpStatusCode.Accepted, (await older.SendAsync(olderAck)).StatusCode);
        await Wait.UntilAsync(() => gateway.On("t-console/pi-zwolle/gw1/cmd/ack").Count == 2, s_timeout, "the second ack command at the gateway");
        AssertSignedBy("console-t", consoleKey, gateway.On("t-console/pi-zwolle/gw1/cmd/ack")[1].Payload);
        Directory.Delete(keyDir, recursive: true);

        Assert.Equal(["login_refused", "login", "ack", "ack", "login", "ack"], Sql.Rows(database, "SELECT action FROM console_audit ORDER BY id").Select(r => (string)r[0]));
        Assert.EndsWith("signed with key j.jansen", Sql.Scalar<string>(database, "SELECT detail FROM console_audit WHERE action = 'ack' ORDER BY id LIMIT 1"), StringComparison.Ordinal);
    }

    private static void AssertSignedBy(string keyId, ECDsa key, byte[] payload)
    {
        Assert.True(CommandParser.TryParse("ack", payload, out var request, out var error), error);
        Assert.Equal(keyId, request!.KeyId);
        using var json = JsonDocument.Parse(payload);
        var signature = Convert.FromBase64String(json.RootElement.GetProperty("signature").GetString()!);
        Assert.True(key.VerifyData(CommandCanonical.Bytes("t-console/pi-zwolle/gw1", "ack", request), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }
}
