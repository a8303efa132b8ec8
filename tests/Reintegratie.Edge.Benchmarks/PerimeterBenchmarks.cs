using System.Device.Gpio;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors;
using Reintegratie.Edge.Sensors.Perimeter;
using Reintegratie.Edge.Sensors.Perimeter.Simulation;

namespace Reintegratie.Edge.Benchmarks;

/// <summary>
/// Cost of a contact input on the hot path, from the driver's edge callback to the event in the sink:
/// <see cref="Edge"/> is one edge (lock, chatter count, debounce re-arm); <see cref="ContactEvent"/> is a full open and
/// close (two edges, two read-backs after settle, two perimeter events and their health bookkeeping).
/// <see cref="EdgeSystemTimer"/> is one edge on the real system timer (the input is in chatter there: edges come far
/// faster than 30 a minute). Expect 0 B allocated per operation.
/// </summary>
[MemoryDiagnoser]
public class PerimeterBenchmarks
{
    private const int Line = 17;
    private SimulatedGpioDriver _gpio = null!;
    private GpioController _controller = null!;
    private PerimeterAdapter _adapter = null!;
    private ManualClock _clock = null!;
    private CancellationTokenSource _cts = null!;
    private bool _high;

    private SimulatedGpioDriver _gpioSys = null!;
    private GpioController _controllerSys = null!;
    private PerimeterAdapter _adapterSys = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cts = new CancellationTokenSource();
        _clock = new ManualClock();
        (_gpio, _controller, _adapter) = Start(_clock, chatterPerMinute: 10_000);
        (_gpioSys, _controllerSys, _adapterSys) = Start(TimeProvider.System, chatterPerMinute: 30);
        _clock.Timers[0].Fire(); // the initial read-back
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cts.Cancel();
        _adapter.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _adapterSys.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _controller.Dispose();
        _controllerSys.Dispose();
        _cts.Dispose();
    }

    /// <summary>One edge: the driver callback into the adapter.</summary>
    [Benchmark]
    public void Edge()
    {
        _high = !_high;
        _gpio.SetInputLevel(Line, _high ? PinValue.High : PinValue.Low);
    }

    /// <summary>Open, settle, read back, publish; close, settle, read back, publish.</summary>
    [Benchmark]
    public void ContactEvent()
    {
        _gpio.SetInputLevel(Line, PinValue.High);
        _clock.Timers[0].Fire();
        _gpio.SetInputLevel(Line, PinValue.Low);
        _clock.Timers[0].Fire();
    }

    /// <summary>One edge with the system TimeProvider's timer re-armed.</summary>
    [Benchmark]
    public void EdgeSystemTimer()
    {
        _high = !_high;
        _gpioSys.SetInputLevel(Line, _high ? PinValue.High : PinValue.Low);
    }

    private (SimulatedGpioDriver, GpioController, PerimeterAdapter) Start(TimeProvider time, int chatterPerMinute)
    {
        var site = SiteModel.Build(new SiteOptions
        {
            Zones = [new ZoneOptions { Id = "Z1" }],
            Sensors = [new SensorOptions { Id = "fence-1", Family = SensorFamily.Perimeter, Zone = "Z1" }],
        });
        var sink = new SlotSink();
        var context = new AdapterContext(site, sink, new SensorHealthRegistry(site, sink, time), time, NullLoggerFactory.Instance);
        var gpio = new SimulatedGpioDriver();
        var controller = new GpioController(gpio);
        var options = new PerimeterOptions { Line = Line, ChatterPerMinute = chatterPerMinute, SupervisionSeconds = 3600 };
        var adapter = new PerimeterAdapter(site.Sensors[0], options, context, controller);
        _ = adapter.RunAsync(_cts.Token);
        return (gpio, controller, adapter);
    }

    /// <summary>Copies each event into one pre-allocated slot, as the ring does.</summary>
    private sealed class SlotSink : IEventSink
    {
        private readonly SensorEvent _slot = new();

        public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter)
        {
            _slot.SetHeader(header);
            _slot.Perimeter = perimeter;
            return true;
        }

        public bool PublishHealth(in EventHeader header, in HealthData health)
        {
            _slot.SetHeader(header);
            _slot.Health = health;
            return true;
        }

        public bool PublishDrone(in EventHeader header, in DroneData drone) => true;

        public bool PublishHandset(in EventHeader header, in HandsetData handset) => true;

        public bool PublishObject(in EventHeader header, object attachment) => true;
    }

    /// <summary>A clock that moves one second per reading (so edges never look like chatter) and timers fired by hand.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

        public List<ManualTimer> Timers { get; } = [];

        public override DateTimeOffset GetUtcNow() => new(_ticks += TimeSpan.TicksPerSecond, TimeSpan.Zero);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var t = new ManualTimer(callback, state);
            Timers.Add(t);
            return t;
        }
    }

    private sealed class ManualTimer(TimerCallback callback, object? state) : ITimer
    {
        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
