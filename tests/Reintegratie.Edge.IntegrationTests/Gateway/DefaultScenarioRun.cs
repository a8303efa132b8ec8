using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.IntegrationTests.Infrastructure;
using Reintegratie.Edge.IntegrationTests.Robustness;
using Reintegratie.Edge.Mqtt.Tests.Support;

namespace Reintegratie.Edge.IntegrationTests.Gateway;

/// <summary>
/// One run of the real gateway process with <c>--simulate default</c> on its own embedded broker, the whole scenario
/// including its 14 s broker outage (the scenario stops and restarts the embedded broker), with a persistent BIV
/// console subscribed to the whole subtree before the first alert. The gateway is stopped (SIGTERM, as systemd) once
/// the scenario is over, the broker is back and the outbox is drained. Shared by the scenario tests; about 75 s.
/// </summary>
public sealed class DefaultScenarioRun : IAsyncLifetime
{
    public const string Root = "pi-edge/pi-voorbeeld/gw-1";

    public string StateDir { get; } = Directory.CreateTempSubdirectory("edge-scenario-").FullName;

    public string Journal => Path.Combine(StateDir, "journal.db");

    public int Port { get; } = FreePort.Next();

    internal PersistentSubscriber Subscriber { get; private set; } = null!;

    public IReadOnlyList<string> GatewayStdout { get; private set; } = [];

    public IReadOnlyList<string> GatewayStderr { get; private set; } = [];

    public int ExitCode { get; private set; } = -1;

    /// <summary>The journal's rows (seq, hash) read when the scenario's broker outage began.</summary>
    internal JournalRecord BeforeOutage { get; private set; } = null!;

    /// <summary>Every message on <paramref name="topic"/> the console received, in arrival order.</summary>
    public IReadOnlyList<(string Topic, byte[] Payload)> On(string topic) => Subscriber.All.Where(m => m.Topic == topic).ToList();

    public IReadOnlyList<JsonElement> Lifecycle =>
        On($"{Root}/alerts").Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();

    public async Task InitializeAsync()
    {
        using var gateway = ChildProcess.Start(RepoPaths.Gateway,
            ["--simulate", "default", "--state-dir", StateDir, "--print-alerts", $"--Mqtt:Port={Port}"]);

        // The console connects the moment the embedded broker listens (it retries every 20 ms), before the scenario's
        // first step (300 ms after the gateway's listeners, then 1 s into the timeline).
        Subscriber = await Task.Run(() => new PersistentSubscriber(Port, Root, everyTopic: true, retryMs: 20));
        await Wait.UntilAsync(() => gateway.HasExited || Logged(gateway, "Simulated broker outage: "), TimeSpan.FromSeconds(120), "the scenario's broker outage");
        BeforeOutage = JournalRecord.Read(Journal); // what the journal held when the broker went away
        await Wait.UntilAsync(
            () => gateway.HasExited || (Logged(gateway, "Simulated broker outage over") && Statuses(online: true) >= 2 && OutboxEmpty()),
            TimeSpan.FromSeconds(150), "the scenario's broker outage over, the gateway back online and its outbox drained");
        await Task.Delay(TimeSpan.FromSeconds(1)); // the last messages the broker took reach the console
        gateway.Signal(15);
        Assert.True(gateway.WaitForExit(TimeSpan.FromSeconds(60)), "gateway did not stop on SIGTERM");
        ExitCode = gateway.ExitCode;
        GatewayStdout = gateway.Stdout;
        GatewayStderr = gateway.Stderr;
    }

    public Task DisposeAsync()
    {
        Subscriber?.Dispose();
        Directory.Delete(StateDir, recursive: true);
        return Task.CompletedTask;
    }

    private static bool Logged(ChildProcess gateway, string text) => gateway.Stderr.Concat(gateway.Stdout).Any(l => l.Contains(text, StringComparison.Ordinal));

    private int Statuses(bool online) => Subscriber?.Statuses.Count(s => s == (online ? "online" : "offline")) ?? 0;

    private bool OutboxEmpty()
    {
        try
        {
            using var db = new SqliteConnection($"Data Source={Journal};Mode=ReadOnly;Pooling=False");
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM outbox";
            return (long)cmd.ExecuteScalar()! == 0;
        }
        catch (SqliteException)
        {
            return false; // not created yet, or busy: ask again
        }
    }
}
