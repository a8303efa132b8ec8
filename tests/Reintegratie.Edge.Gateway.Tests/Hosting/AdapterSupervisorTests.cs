using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Gateway.Hosting;
using Reintegratie.Edge.Sensors;

namespace Reintegratie.Edge.Gateway.Tests.Hosting;

public sealed class AdapterSupervisorTests
{
    private static readonly SiteModel s_site = SiteModel.Build(new SiteOptions
    {
        Sensors =
        [
            new SensorOptions { Id = "other-1", Family = SensorFamily.RemoteId },
            new SensorOptions { Id = "served-1", Family = SensorFamily.RemoteId },
        ],
    });

    [Fact]
    public async Task RunAsync_AdapterThrows_ItsSensorFaultedAndAdapterStartedAgain()
    {
        var sink = new HealthSink();
        var health = new SensorHealthRegistry(s_site, sink, TimeProvider.System);
        var adapter = new FakeAdapter(TimeProvider.System, firstRun: FakeAdapter.Throw);
        var supervisor = new AdapterSupervisor(adapter, health, TimeProvider.System, NullLogger.Instance, TimeSpan.FromMilliseconds(10));
        using var stopping = new CancellationTokenSource();

        var run = supervisor.RunAsync(stopping.Token);
        await adapter.SecondRun.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stopping.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, supervisor.Restarts);
        Assert.Equal(0, supervisor.Stalls);
        Assert.Equal([(1, SensorStatus.Fault, "adapter_failed")], sink.Snapshot());
    }

    [Fact]
    public async Task RunAsync_TurnRunsPastWindow_StallReportedForItsSensorOnlyAndAdapterStartedAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-06T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var sink = new HealthSink();
        var health = new SensorHealthRegistry(s_site, sink, time);
        var adapter = new FakeAdapter(time, firstRun: FakeAdapter.BlockInTurn);
        var supervisor = new AdapterSupervisor(adapter, health, time, NullLogger.Instance, TimeSpan.FromSeconds(1));
        using var stopping = new CancellationTokenSource();

        var run = supervisor.RunAsync(stopping.Token);
        await adapter.InTurn.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(9)); // within the 10 s window: waiting is not stalling
        Assert.Equal(0, supervisor.Stalls);
        for (var i = 0; i < 200 && !adapter.SecondRun.Task.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1)); // past the window, then through the restart backoff
            await Task.Delay(10);
        }

        await adapter.SecondRun.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stopping.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, supervisor.Stalls);
        Assert.Equal(1, supervisor.Restarts);
        Assert.True(adapter.FirstRunCancelled);
        Assert.Equal([(1, SensorStatus.Fault, "adapter_stalled")], sink.Snapshot());
    }

    [Fact]
    public async Task RunAsync_LoopWaitsForInputLongerThanWindow_NoStall()
    {
        var time = new FakeTimeProvider();
        var sink = new HealthSink();
        var health = new SensorHealthRegistry(s_site, sink, time);
        var adapter = new FakeAdapter(time, firstRun: FakeAdapter.WaitForInput);
        var supervisor = new AdapterSupervisor(adapter, health, time, NullLogger.Instance);
        using var stopping = new CancellationTokenSource();

        var run = supervisor.RunAsync(stopping.Token);
        await adapter.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromMinutes(10));
        await stopping.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, supervisor.Stalls);
        Assert.Equal(0, supervisor.Restarts);
        Assert.Empty(sink.Snapshot());
        Assert.Equal(1, adapter.Progress.Turns);
    }

    /// <summary>Serves sensor 1 of two; its first run throws, blocks inside a turn, or waits for input.</summary>
    private sealed class FakeAdapter(TimeProvider time, Func<FakeAdapter, CancellationToken, Task> firstRun) : ISensorAdapter
    {
        private int _runs;

        public TaskCompletionSource SecondRun { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource InTurn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool FirstRunCancelled { get; private set; }

        public string Name => "fake";

        public IReadOnlyList<int> Sensors { get; } = [1];

        public AdapterProgress Progress { get; } = new(time, TimeSpan.FromSeconds(10));

        public static Task Throw(FakeAdapter a, CancellationToken ct) => throw new OutOfMemoryException("a hostile file"); // what a /dev/zero symlink used to cause

        public static async Task BlockInTurn(FakeAdapter a, CancellationToken ct)
        {
            using var loop = a.Progress.Loop();
            loop.Begin(); // a handler that blocks (and, like every adapter, honours cancellation)
            a.InTurn.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                a.FirstRunCancelled = true;
                throw;
            }
            finally
            {
                loop.End();
            }
        }

        public static async Task WaitForInput(FakeAdapter a, CancellationToken ct)
        {
            using var loop = a.Progress.Loop();
            loop.Begin();
            loop.End(); // one chunk handled; now it waits for the next, which never comes
            a.Waiting.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _runs) == 1)
            {
                await firstRun(this, cancellationToken);
                return;
            }

            SecondRun.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class HealthSink : IEventSink
    {
        private readonly List<(int, SensorStatus, string)> _reasons = [];

        public (int, SensorStatus, string)[] Snapshot()
        {
            lock (_reasons)
            {
                return [.. _reasons];
            }
        }

        public bool PublishDrone(in EventHeader header, in DroneData drone) => true;

        public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter) => true;

        public bool PublishHealth(in EventHeader header, in HealthData health)
        {
            lock (_reasons)
            {
                _reasons.Add((header.SensorIndex, health.Status, health.Reason.ToString()));
            }

            return true;
        }

        public bool PublishHandset(in EventHeader header, in HandsetData handset) => true;

        public bool PublishObject(in EventHeader header, object attachment) => true;
    }
}
