using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace Reintegratie.Edge.IntegrationTests.Commands;

/// <summary>
/// Issue 16 "a bypass is visible": the real gateway process on its embedded broker, two keys made and signed with
/// <c>edgectl cmd</c>. After the second approval every console sees the retained <c>…/bypass</c> list and the
/// <c>zone_bypassed</c> alert; a console that connects later gets the bypass from the retained message.
/// </summary>
public sealed class BypassVisibilityTests(ITestOutputHelper output) : IDisposable
{
    private const string Root = "pi-edge/bypass-it/gw1";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-bypass-").FullName;

    [Fact]
    public async Task TwoKeysApprove_SecondConsoleSeesRetainedBypassAndZoneBypassedAlert()
    {
        var port = FreePort.Next();
        var config = WriteConfig(port, Keygen("anna"), Keygen("bert"));
        using var gateway = ChildProcess.Start(RepoPaths.Gateway, ["--config", config, "--state-dir", _dir]);
        var clock = Stopwatch.StartNew();
        using var console2 = await ConnectAsync(port, "biv-console-2", s_timeout, gateway);
        var seen = Record(console2, clock);
        await console2.SubscribeAsync(Root + "/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await Wait.UntilAsync(() => seen.Any(m => m.Topic == Root + "/status" && m.Payload.Contains("\"online\"", StringComparison.Ordinal)), s_timeout, "gateway online");

        var until = DateTimeOffset.UtcNow.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string[] bypass = ["--root", Root, "--zone", "Z1", "--until", until, "--reason", "onderhoud hek"];
        var first = Edgectl(["cmd", "bypass", "--key", KeyFile("anna"), .. bypass, "--publish", "--port", port.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("requested by anna", first.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(seen, m => m.Topic == Root + "/alerts" && m.Payload.Contains("zone_bypassed", StringComparison.Ordinal)); // one key is only a request
        var second = Edgectl(["cmd", "bypass", "--key", KeyFile("bert"), .. bypass]);
        Assert.True(second.Code == 0, second.Err);

        // The second approval, published by bert's console; its reply says when the gateway accepted it.
        using var bertConsole = await ConnectAsync(port, "bert-console", s_timeout, gateway);
        var reply = new TaskCompletionSource<(string Payload, TimeSpan At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        bertConsole.ApplicationMessageReceivedAsync += e =>
        {
            reply.TrySetResult((Encoding.UTF8.GetString(e.ApplicationMessage.Payload), clock.Elapsed));
            return Task.CompletedTask;
        };
        await bertConsole.SubscribeAsync("biv/replies/bert", MqttQualityOfServiceLevel.AtLeastOnce);
        var sentAt = clock.Elapsed;
        await bertConsole.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Root + "/cmd/bypass").WithPayload(second.Out.Trim())
            .WithResponseTopic("biv/replies/bert").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var accepted = await reply.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Wait.UntilAsync(() => BypassList(seen).Count > 0 && BypassAlert(seen) is not null, TimeSpan.FromSeconds(30), "bypass list and zone_bypassed alert seen by the second console");

        var list = BypassList(seen);
        var alert = BypassAlert(seen)!.Value;
        output.WriteLine($"second approval published at {sentAt.TotalMilliseconds:0} ms; reply {accepted.Payload}");
        output.WriteLine($"delay after the second approval: reply {(accepted.At - sentAt).TotalMilliseconds:0} ms, zone_bypassed alert {(alert.At - sentAt).TotalMilliseconds:0} ms, bypass list {(list[^1].At - sentAt).TotalMilliseconds:0} ms");
        Assert.True(JsonDocument.Parse(accepted.Payload).RootElement.GetProperty("ok").GetBoolean(), accepted.Payload);
        Assert.Contains("authorised by anna,bert", accepted.Payload, StringComparison.Ordinal);
        var entry = Assert.Single(JsonDocument.Parse(list[^1].Payload).RootElement.EnumerateArray());
        Assert.Equal("Z1", entry.GetProperty("zone").GetString());
        Assert.Equal(["anna", "bert"], entry.GetProperty("authorised_by").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(DateTimeOffset.Parse(until, CultureInfo.InvariantCulture), entry.GetProperty("until").GetDateTimeOffset());
        var after = JsonDocument.Parse(alert.Payload).RootElement.GetProperty("after");
        Assert.Equal("new", JsonDocument.Parse(alert.Payload).RootElement.GetProperty("type").GetString());
        Assert.Equal(entry.GetProperty("alert_id").GetString(), after.GetProperty("id").GetString());
        Assert.Equal(["Z1"], after.GetProperty("zones").EnumerateArray().Select(e => e.GetString()!).ToArray());

        // A console that connects later learns of the bypass from the retained message alone.
        using var console3 = await ConnectAsync(port, "biv-console-3", s_timeout, gateway);
        var late = Record(console3, clock);
        await console3.SubscribeAsync(Root + "/bypass", MqttQualityOfServiceLevel.AtLeastOnce);
        await Wait.UntilAsync(() => !late.IsEmpty, TimeSpan.FromSeconds(30), "retained bypass list");
        var retained = Assert.Single(late);
        Assert.True(retained.Retain);
        Assert.Equal(list[^1].Payload, retained.Payload);

        gateway.Signal(15);
        Assert.True(gateway.WaitForExit(TimeSpan.FromSeconds(30)), "gateway stopped on SIGTERM");
        var verify = Edgectl(["log", "verify", "--db", Path.Combine(_dir, "journal.db")]);
        Assert.True(verify.Code == 0, verify.Out + verify.Err);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<(string Topic, string Payload, bool Retain, TimeSpan At)> BypassList(ConcurrentQueue<(string Topic, string Payload, bool Retain, TimeSpan At)> seen) =>
        seen.Where(m => m.Topic == Root + "/bypass" && m.Payload != "[]").ToList();

    private static (string Topic, string Payload, bool Retain, TimeSpan At)? BypassAlert(ConcurrentQueue<(string Topic, string Payload, bool Retain, TimeSpan At)> seen) =>
        seen.Where(m => m.Topic == Root + "/alerts" && m.Payload.Contains("\"zone_bypassed\"", StringComparison.Ordinal)).Select(m => ((string, string, bool, TimeSpan)?)m).FirstOrDefault();

    /// <summary>Everything <paramref name="client"/> receives, with the arrival time on <paramref name="clock"/>.</summary>
    private static ConcurrentQueue<(string Topic, string Payload, bool Retain, TimeSpan At)> Record(IMqttClient client, Stopwatch clock)
    {
        var received = new ConcurrentQueue<(string Topic, string Payload, bool Retain, TimeSpan At)>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload), e.ApplicationMessage.Retain, clock.Elapsed));
            return Task.CompletedTask;
        };
        return received;
    }

    private static async Task<IMqttClient> ConnectAsync(int port, string clientId, TimeSpan timeout, ChildProcess gateway)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await client.ConnectAsync(options);
                return client;
            }
            catch (Exception) when (deadline.Elapsed < timeout && !gateway.HasExited)
            {
                await Task.Delay(200);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"{clientId} could not connect; gateway stderr:\n{string.Join('\n', gateway.Stderr.TakeLast(20))}", ex);
            }
        }
    }

    private string KeyFile(string id) => Path.Combine(_dir, id + ".key.pem");

    private JsonNode Keygen(string id)
    {
        var (code, stdout, stderr) = Edgectl(["cmd", "keygen", "--id", id, "--out", _dir, "--verbs", "bypass"]);
        Assert.True(code == 0, stderr);
        return JsonNode.Parse(stdout)!["Mqtt"]!["Commands"]!["Keys"]![id]!.DeepClone();
    }

    private string WriteConfig(int port, JsonNode anna, JsonNode bert)
    {
        var config = new JsonObject
        {
            ["Mqtt"] = new JsonObject
            {
                ["Embedded"] = true,
                ["Port"] = port,
                ["Site"] = "bypass-it",
                ["Gateway"] = "gw1",
                ["Commands"] = new JsonObject { ["Keys"] = new JsonObject { ["anna"] = anna, ["bert"] = bert } },
            },
            ["Site"] = JsonNode.Parse("""{"Name":"bypass-it","Zones":[{"Id":"Z1","Name":"Noordhek"}],"Sensors":[{"Id":"f1","Family":"Perimeter","Zone":"Z1","Line":4}]}"""),
            ["Journal"] = new JsonObject { ["Path"] = Path.Combine(_dir, "journal.db") },
        };
        var path = Path.Combine(_dir, "site.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    private static (int Code, string Out, string Err) Edgectl(string[] args) => ChildProcess.Run(RepoPaths.Edgectl, args, s_timeout);
}
