using System.Net;
using System.Net.Sockets;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.IntegrationTests.Aot;

/// <summary>
/// The NativeAOT gateway as the unit runs it: under the kernel's memory-deny-write-execute (the unit's
/// <c>MemoryDenyWriteExecute=yes</c>), <c>--simulate default</c> on the embedded broker, watched by an MQTT 3.1.1
/// client that sends no client id (the broker names it through reflection into MQTTnet, which the AOT build must keep).
/// </summary>
public sealed class AotGatewayTests : IDisposable
{
    private static readonly string s_mdweExec = Path.Combine(RepoPaths.Root, "deploy", "test", "mdwe-exec.py");
    private readonly string _stateDir = Directory.CreateTempSubdirectory("edge-aot-").FullName;

    [Fact]
    public void MemoryDenyWriteExecute_JitBuildDies_AotBuildRuns()
    {
        // The wrapper really denies: the JIT build cannot start under it (this is why the unit had it off).
        var (jit, _, _) = ChildProcess.Run("python3", [s_mdweExec, RepoPaths.Gateway, "--version"], TimeSpan.FromSeconds(60));
        var (aot, stdout, stderr) = ChildProcess.Run("python3", [s_mdweExec, RepoPaths.AotGateway, "--version"], TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, jit);
        Assert.True(aot == 0, stderr);
        Assert.StartsWith("reintegratie-edge ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulateDefault_UnderMemoryDenyWriteExecute_AlertReachesA311ClientWithoutId()
    {
        var port = FreePort();
        using var gateway = ChildProcess.Start("python3",
        [
            s_mdweExec, RepoPaths.AotGateway, "--simulate", "default", "--state-dir", _stateDir, $"--Mqtt:Port={port}",
        ]);
        await using var client = TestMqttClient.Create(port, clientId: string.Empty, v5: false);
        await client.ConnectWithRetryAsync(TimeSpan.FromSeconds(30));
        await client.SubscribeAsync("pi-edge/#");

        await Wait.UntilAsync(
            () => gateway.HasExited || client.Messages.Any(m => m.Topic.EndsWith("/alerts", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(90), "an alert from the simulated site");
        gateway.Signal(15);

        Assert.True(gateway.WaitForExit(TimeSpan.FromSeconds(30)), "gateway did not stop on SIGTERM");
        Assert.True(gateway.ExitCode == 0, string.Join('\n', gateway.Stderr.TakeLast(20)));
        var alert = client.Messages.First(m => m.Topic.EndsWith("/alerts", StringComparison.Ordinal));
        Assert.Contains("\"kind\"", System.Text.Encoding.UTF8.GetString(alert.Payload), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_stateDir, "journal.db")), "no journal in the state directory");
    }

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
