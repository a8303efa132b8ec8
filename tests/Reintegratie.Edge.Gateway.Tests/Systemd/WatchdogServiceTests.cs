using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Gateway.Systemd;

namespace Reintegratie.Edge.Gateway.Tests.Systemd;

public sealed class WatchdogServiceTests
{
    private static (WatchdogService Service, FakeTimeProvider Time) Create(string? socket, string? watchdogUsec, IPipelineProgress progress)
    {
        var env = new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = socket, ["WATCHDOG_USEC"] = watchdogUsec };
        var environment = new SystemdEnvironment(n => env.GetValueOrDefault(n), Environment.ProcessId);
        var time = new FakeTimeProvider();
        var sender = new NotifySocketSender(environment, NullLogger<NotifySocketSender>.Instance);
        return (new WatchdogService(environment, sender, progress, time, NullLogger<WatchdogService>.Instance), time);
    }

    [Fact]
    public async Task Execute_Healthy_SendsWatchdogEveryHalfTimeout()
    {
        using var listener = NotifyListener.OnPath();
        var (service, time) = Create(listener.Address, "30000000", new SwitchableProgress());

        await service.StartAsync(CancellationToken.None);
        var first = await listener.NextAsync();
        time.Advance(TimeSpan.FromSeconds(15));
        var second = await listener.NextAsync();
        await service.StopAsync(CancellationToken.None);

        Assert.Equal("WATCHDOG=1", first);
        Assert.Equal("WATCHDOG=1", second);
    }

    [Fact]
    public async Task Execute_StageStalls_WithholdsWatchdogUntilItRecovers()
    {
        using var listener = NotifyListener.OnPath();
        var progress = new SwitchableProgress();
        var (service, time) = Create(listener.Address, "30000000", progress);
        await service.StartAsync(CancellationToken.None);
        Assert.Equal("WATCHDOG=1", await listener.NextAsync());

        progress.Stall("journal");
        time.Advance(TimeSpan.FromSeconds(15));
        var whileStuck1 = await listener.NextAsync();
        time.Advance(TimeSpan.FromSeconds(15));
        var whileStuck2 = await listener.NextAsync();
        progress.Resume();
        time.Advance(TimeSpan.FromSeconds(15));
        var afterRecovery = await listener.NextAsync();
        await service.StopAsync(CancellationToken.None);

        // Datagrams from one sender arrive in order, so the two status messages prove no ping was sent in between.
        Assert.StartsWith("STATUS=pipeline stage 'journal'", whileStuck1);
        Assert.DoesNotContain("WATCHDOG=1", whileStuck1);
        Assert.DoesNotContain("WATCHDOG=1", whileStuck2);
        Assert.Equal("WATCHDOG=1\n" + WatchdogService.RunningStatus, afterRecovery);
    }

    [Fact]
    public async Task Execute_AbstractNotifySocket_SendsWatchdog()
    {
        using var listener = NotifyListener.Abstract();
        var (service, _) = Create(listener.Address, "2000000", new SwitchableProgress());

        await service.StartAsync(CancellationToken.None);
        var message = await listener.NextAsync();
        await service.StopAsync(CancellationToken.None);

        Assert.Equal("WATCHDOG=1", message);
    }

    [Fact]
    public async Task Execute_NoWatchdogRequested_NeverAsksForProgress()
    {
        using var listener = NotifyListener.OnPath();
        var progress = new CountingProgress();
        var (service, time) = Create(listener.Address, null, progress);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;
        time.Advance(TimeSpan.FromMinutes(5));
        await service.StopAsync(CancellationToken.None);

        Assert.True(service.ExecuteTask.IsCompletedSuccessfully);
        Assert.Empty(progress.Calls);
    }

    private sealed class CountingProgress : IPipelineProgress
    {
        public ConcurrentQueue<int> Calls { get; } = new();

        public bool IsHealthy(out string? stuckStage)
        {
            Calls.Enqueue(1);
            stuckStage = null;
            return true;
        }
    }
}
