using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Gateway.Hosting;
using Reintegratie.Edge.Sensors;

namespace Reintegratie.Edge.Gateway.Tests.Hosting;

public sealed class AdapterSupervisorTests
{
    [Fact]
    public async Task RunAsync_AdapterThrows_SensorFaultedAndAdapterStartedAgain()
    {
        var site = SiteModel.Build(new SiteOptions { Sensors = [new SensorOptions { Id = "bodycam-1", Family = SensorFamily.Bodycam }] });
        var sink = new HealthSink();
        var health = new SensorHealthRegistry(site, sink, TimeProvider.System);
        var adapter = new FailingOnceAdapter();
        var supervisor = new AdapterSupervisor(adapter, [0], health, TimeProvider.System, NullLogger.Instance, TimeSpan.FromMilliseconds(10));
        using var stopping = new CancellationTokenSource();

        var run = supervisor.RunAsync(stopping.Token);
        await adapter.SecondRun.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stopping.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, supervisor.Restarts);
        Assert.Contains(sink.Reasons, r => r == (SensorStatus.Fault, "adapter_failed"));
    }

    private sealed class FailingOnceAdapter : ISensorAdapter
    {
        private int _runs;

        public TaskCompletionSource SecondRun { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "failing-once";

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _runs) == 1)
            {
                throw new OutOfMemoryException("a hostile file"); // what a /dev/zero symlink used to cause
            }

            SecondRun.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class HealthSink : IEventSink
    {
        public List<(SensorStatus, string)> Reasons { get; } = [];

        public bool PublishDrone(in EventHeader header, in DroneData drone) => true;

        public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter) => true;

        public bool PublishHealth(in EventHeader header, in HealthData health)
        {
            lock (Reasons)
            {
                Reasons.Add((health.Status, health.Reason.ToString()));
            }

            return true;
        }

        public bool PublishHandset(in EventHeader header, in HandsetData handset) => true;

        public bool PublishObject(in EventHeader header, object attachment) => true;
    }
}
