using System.Text.Json;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.IntegrationTests.Gateway;

/// <summary>
/// One run of the real gateway process with <c>--simulate default</c> against a real mosquitto on a free loopback port,
/// with a persistent subscriber on the whole subtree. Shared by the scenario tests (the run takes about a minute).
/// </summary>
public sealed class DefaultScenarioRun : IAsyncLifetime
{
    public const string Root = "pi-edge/pi-voorbeeld/gw-1";

    public string StateDir { get; } = Directory.CreateTempSubdirectory("edge-scenario-").FullName;

    public MosquittoBroker Broker { get; private set; } = null!;

    public TestMqttClient Subscriber { get; private set; } = null!;

    public IReadOnlyList<string> GatewayStdout { get; private set; } = [];

    public IReadOnlyList<string> GatewayStderr { get; private set; } = [];

    public int ExitCode { get; private set; } = -1;

    public IReadOnlyList<JsonElement> Lifecycle =>
        Subscriber.On($"{Root}/alerts").Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();

    public async Task InitializeAsync()
    {
        Broker = await MosquittoBroker.StartNewAsync();
        Subscriber = TestMqttClient.Create(Broker.Port, "biv-console-test", persistent: true);
        await Subscriber.ConnectWithRetryAsync(TimeSpan.FromSeconds(30));
        await Subscriber.SubscribeAsync("pi-edge/#");

        using var gateway = ChildProcess.Start(RepoPaths.Gateway,
        [
            "--simulate", "default", "--state-dir", StateDir, "--print-alerts",
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={Broker.Port}", "--Mqtt:AllowInsecure=true",
        ]);

        // The scenario's bodycam evidence lands about 35 s in; wait for it (generously), then stop the gateway as systemd would.
        await Wait.UntilAsync(
            () => gateway.HasExited || Lifecycle.Any(m => m.GetProperty("after").GetProperty("bodycam_recordings").GetArrayLength() > 0),
            TimeSpan.FromSeconds(150), "bodycam evidence attached to an alert");
        await Task.Delay(TimeSpan.FromSeconds(3));
        gateway.Signal(15);
        Assert.True(gateway.WaitForExit(TimeSpan.FromSeconds(60)), "gateway did not stop on SIGTERM");
        ExitCode = gateway.ExitCode;
        GatewayStdout = gateway.Stdout;
        GatewayStderr = gateway.Stderr;
        await Task.Delay(TimeSpan.FromSeconds(1)); // last retained status and journal head reach the subscriber
    }

    public async Task DisposeAsync()
    {
        await Subscriber.DisposeAsync();
        await Broker.DisposeAsync();
        Directory.Delete(StateDir, recursive: true);
    }
}
