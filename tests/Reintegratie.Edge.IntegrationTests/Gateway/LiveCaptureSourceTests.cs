using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.IntegrationTests.Gateway;

/// <summary>
/// Live Remote ID sources in the real gateway process when their hardware is not there (an interface that does not
/// exist, a Bluetooth controller that does not exist): the adapter reports the failure with libpcap's or the kernel's
/// reason, retries with backoff, the gateway keeps running and stops cleanly. No exception escapes the adapter.
/// </summary>
public sealed class LiveCaptureSourceTests : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-live-").FullName;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartNewAsync();

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("""{"Id":"rid-air","Family":"RemoteId","Zone":"north","ReportingSeconds":0,"Format":"pcap","Interface":"ridnosuch0","Channels":"none"}""", "ridnosuch0")]
    [InlineData("""{"Id":"rid-air","Family":"RemoteId","Zone":"north","ReportingSeconds":0,"Format":"hci","Interface":"hci63"}""", "hci63")]
    public async Task MissingHardware_FailureLoggedAndRetriedGatewayKeepsRunning(string sensor, string device)
    {
        var config = Path.Combine(_dir, "gateway.json");
        await File.WriteAllTextAsync(config, $$$"""
            {"Site":{"Name":"PI Test","Zones":[{"Id":"north","Name":"Noord","Kind":"yard"}],"Sensors":[{{{sensor}}}]}}
            """);
        using var gateway = ChildProcess.Start(RepoPaths.Gateway,
        [
            "--config", config, "--state-dir", Path.Combine(_dir, "state"),
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={_broker.Port}", "--Mqtt:AllowInsecure=true", "--Mqtt:Gateway=gw-live",
        ]);

        var failures = () => gateway.Stderr.Count(l => l.Contains("rid-air: capture source failed", StringComparison.Ordinal));
        Assert.True(SpinWait.SpinUntil(() => failures() >= 2 || gateway.HasExited, s_wait), "no retried failure:\n" + string.Join('\n', gateway.Stderr.TakeLast(20)));

        Assert.False(gateway.HasExited, "the gateway stopped:\n" + string.Join('\n', gateway.Stderr.TakeLast(20)));
        Assert.Contains(gateway.Stderr, l => l.Contains("capture source failed", StringComparison.Ordinal) && l.Contains(device, StringComparison.Ordinal));
        Assert.DoesNotContain(gateway.Stderr, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        gateway.Signal(15);
        Assert.True(gateway.WaitForExit(s_wait), "gateway did not stop on SIGTERM");
        Assert.Equal(0, gateway.ExitCode);
    }
}
