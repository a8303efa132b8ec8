using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reintegratie.Edge.Mqtt.Tests.Support;
using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Sensors.Sapient.Proto;
using Task = System.Threading.Tasks.Task;

namespace Reintegratie.Edge.IntegrationTests.Links;

/// <summary>
/// The seven attacks of issue 15 against the real gateway process with TLS sensor links. Each ends with no false alert,
/// no alert ended, the real sensor still served, and the attempt journaled.
/// </summary>
public sealed class LinkAttackTests(LinkAttackGateway gateway) : IClassFixture<LinkAttackGateway>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ForgedDetection_FromAnotherNodesCertificate_NoAlertJournaledRealRadarServed()
    {
        var forged = SapientIds.NewUlid(DateTimeOffset.UtcNow);
        await using (var forger = await gateway.ConnectAsync("radar-2"))
        {
            await LinkAttackGateway.RegisterAsync(forger, LinkAttackGateway.Radar2);
            await SapientFraming.WriteAsync(forger, Detection(forged), CancellationToken.None);
            await SapientFraming.WriteAsync(forger, Detection(forged), CancellationToken.None);
            await Wait.UntilAsync(() => gateway.LinkFaults("radar-1", "forged_identity") >= 1, s_wait, "forged_identity journaled for radar-1");
        }

        await AssertRealRadarServedAsync();
        Assert.Equal(0, gateway.Count($"type = 'event' AND payload LIKE '%{forged}%'"));
        Assert.Equal(0, gateway.Ended("perimeter_tamper"));
    }

    [Fact]
    public async Task ForgedStatusOk_WhileRealRadarReportsTamper_TamperNotEnded()
    {
        var before = gateway.LinkFaults("radar-1", "forged_identity");
        await using (var forger = await gateway.ConnectAsync("radar-2"))
        {
            await SapientFraming.WriteAsync(forger, SapientMessages.StatusReport(LinkAttackGateway.Radar1, StatusReport.Types.System.Ok, null, DateTimeOffset.UtcNow), CancellationToken.None);
            await Wait.UntilAsync(() => gateway.LinkFaults("radar-1", "forged_identity") > before || gateway.Count("type = 'alert' AND kind = 'sensor_fault' AND payload LIKE '%forged_identity%'") > 0,
                s_wait, "forged status refused");
        }

        await AssertRealRadarServedAsync();
        Assert.Equal(0, gateway.Ended("perimeter_tamper"));
        Assert.Equal(0, gateway.Count("type = 'event' AND kind = 'sensor_health' AND sensor = 'radar-1' AND payload LIKE '%\"status\":\"online\"%' AND seq > (SELECT max(seq) FROM journal WHERE type = 'alert' AND kind = 'perimeter_tamper')"));
    }

    [Fact]
    public async Task SecondConnection_WithTheRealRadarsCertificate_RefusedAsDuplicate()
    {
        await using (var second = await gateway.ConnectAsync("radar-1"))
        {
            await Wait.UntilAsync(() => gateway.LinkFaults("radar-1", "duplicate_link") >= 1, s_wait, "duplicate_link journaled for radar-1");
        }

        await AssertRealRadarServedAsync();
        Assert.Equal(0, gateway.Ended("perimeter_tamper"));
    }

    [Fact]
    public async Task ConnectionFlood_IdleStrangers_JournaledAndRealRadarServed()
    {
        var flood = new List<Socket>();
        try
        {
            for (var i = 0; i < 12; i++)
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                s.Bind(new IPEndPoint(IPAddress.Parse($"127.0.1.{1 + (i % 6)}"), 0));
                await s.ConnectAsync(gateway.Sapient);
                flood.Add(s);
            }

            await Wait.UntilAsync(() => gateway.LinkFaults("radar-1", "connection_flood") >= 1, s_wait, "connection_flood journaled");
            await AssertRealRadarServedAsync();
            await using var umbrella = await gateway.ConnectAsync("gsm-1", gateway.Gsm); // another listener is untouched
        }
        finally
        {
            flood.ForEach(s => s.Dispose());
        }

        Assert.Equal(0, gateway.Ended("perimeter_tamper"));
        Assert.False(gateway.Gateway.HasExited);
    }

    [Fact]
    public async Task BodycamFolder_FifoDevZeroSymlinkAndPlantedReason_QuarantinedNothingBlockedNothingOverwritten()
    {
        var victim = Path.Combine(gateway.Dir, "victim.txt");
        await File.WriteAllTextAsync(victim, "precious");
        var quarantine = Path.Combine(gateway.Inbox, "quarantine");
        await Wait.UntilAsync(() => Directory.Exists(quarantine), s_wait, "side folders created");
        File.CreateSymbolicLink(Path.Combine(quarantine, "x.json.reason"), victim);
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(gateway.Inbox, "zz.json")))
        {
            await mkfifo.WaitForExitAsync();
        }

        File.CreateSymbolicLink(Path.Combine(gateway.Inbox, "zero.json"), "/dev/zero");
        await File.WriteAllTextAsync(Path.Combine(gateway.Inbox, "x.json"), "{ not a sidecar");

        await Wait.UntilAsync(
            () => File.Exists(Path.Combine(quarantine, "zz.json")) && File.Exists(Path.Combine(quarantine, "zero.json.reason")) && File.Exists(Path.Combine(quarantine, "x.1.json.reason")),
            s_wait, "FIFO, /dev/zero symlink and the invalid sidecar quarantined");
        Assert.Equal("precious", await File.ReadAllTextAsync(victim));
        Assert.False(gateway.Gateway.HasExited);
        await AssertRealRadarServedAsync();
        Assert.Equal(0, gateway.Ended("perimeter_tamper"));
    }

    private async Task AssertRealRadarServedAsync()
    {
        var track = SapientIds.NewUlid(DateTimeOffset.UtcNow);
        await SapientFraming.WriteAsync(gateway.RealRadar, Detection(track), CancellationToken.None);
        await Wait.UntilAsync(() => gateway.Count($"type = 'event' AND sensor = 'radar-1' AND payload LIKE '%{track}%'") == 1, s_wait, "the real radar's detection journaled");
    }

    private static SapientMessage Detection(string objectId) =>
        SapientMessages.Detection(LinkAttackGateway.Radar1, objectId, 52.001, 5.002, 40, "Air Vehicle", "UAV Rotary Wing", 0.9f, DateTimeOffset.UtcNow);
}
