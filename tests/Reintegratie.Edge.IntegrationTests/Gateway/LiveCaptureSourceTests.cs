using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.IntegrationTests.Gateway;

/// <summary>
/// Live Remote ID sources when their hardware is not there (an interface that does not exist, a Bluetooth controller
/// that does not exist): the real capture process (<c>--capture IF</c>, what the capture unit runs) stops with libpcap's
/// or the kernel's reason and exit 1 (systemd restarts it); the real gateway, which opens no capture device itself, keeps
/// running with the sensor faulted (<c>capture_unit_gone</c>) and stops cleanly. No exception escapes either.
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
    [InlineData("""{"Id":"rid-air","Family":"RemoteId","Zone":"north","ReportingSeconds":0,"Format":"pcap","Interface":"ridnosuch0","Channels":"none","CaptureSocket":"SOCKET"}""", "ridnosuch0")]
    [InlineData("""{"Id":"rid-air","Family":"RemoteId","Zone":"north","ReportingSeconds":0,"Format":"hci","Interface":"hci63","CaptureSocket":"SOCKET"}""", "hci63")]
    public void MissingHardware_CaptureStopsWithTheReasonGatewayFaultsTheSensorAndKeepsRunning(string sensor, string device)
    {
        var config = Path.Combine(_dir, "gateway.json");
        File.WriteAllText(config, $$$"""
            {"Site":{"Name":"PI Test","Zones":[{"Id":"north","Name":"Noord","Kind":"yard"}],"Sensors":[{{{sensor.Replace("SOCKET", Path.Combine(_dir, "capture.sock"), StringComparison.Ordinal)}}}]}}
            """);
        using var gateway = ChildProcess.Start(RepoPaths.Gateway,
        [
            "--config", config, "--state-dir", Path.Combine(_dir, "state"),
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={_broker.Port}", "--Mqtt:AllowInsecure=true", "--Mqtt:Gateway=gw-live",
        ]);
        Assert.True(SpinWait.SpinUntil(() => File.Exists(Path.Combine(_dir, "capture.sock")) || gateway.HasExited, s_wait), "the gateway did not listen for its capture unit");

        var capture = ChildProcess.Run(RepoPaths.Gateway, ["--config", config, "--capture", device], s_wait);

        Assert.Equal(1, capture.ExitCode);
        Assert.Contains("capture stopped", capture.Stderr, StringComparison.Ordinal);
        Assert.Contains(device, capture.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", capture.Stderr, StringComparison.Ordinal);
        Assert.True(SpinWait.SpinUntil(() => gateway.Stderr.Any(l => l.Contains("rid-air: capture source failed: no capture unit connected", StringComparison.Ordinal)) || gateway.HasExited, s_wait),
            "the gateway did not report the missing capture unit:\n" + string.Join('\n', gateway.Stderr.TakeLast(20)));
        Assert.False(gateway.HasExited, "the gateway stopped:\n" + string.Join('\n', gateway.Stderr.TakeLast(20)));
        Assert.DoesNotContain(gateway.Stderr, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        gateway.Signal(15);
        Assert.True(gateway.WaitForExit(s_wait), "gateway did not stop on SIGTERM");
        Assert.Equal(0, gateway.ExitCode);
    }

    [Fact]
    public void CaptureMode_NoSensorOnThatInterface_Exit78NamingTheKey()
    {
        var config = Path.Combine(_dir, "gateway.json");
        File.WriteAllText(config, """{"Site":{"Name":"PI Test","Zones":[{"Id":"north","Name":"Noord","Kind":"yard"}],"Sensors":[]}}""");

        var capture = ChildProcess.Run(RepoPaths.Gateway, ["--config", config, "--capture", "wlan9"], s_wait);

        Assert.Equal(78, capture.ExitCode);
        Assert.Contains("Site:Sensors", capture.Stderr, StringComparison.Ordinal);
        Assert.Contains("wlan9", capture.Stderr, StringComparison.Ordinal);
    }
}
