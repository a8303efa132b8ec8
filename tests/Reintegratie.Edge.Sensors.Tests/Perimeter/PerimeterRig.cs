using System.Device.Gpio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Perimeter;
using Reintegratie.Edge.Sensors.Perimeter.Simulation;

namespace Reintegratie.Edge.Sensors.Tests.Perimeter;

/// <summary>
/// One perimeter input on simulated hardware with a fake clock: site with zones Z0, Z1 and the sensor "fence-1"
/// (index 1, zone Z1) after a camera "cam-0", so indexes are not trivially zero.
/// </summary>
internal sealed class PerimeterRig : IAsyncDisposable
{
    public const int Line = 17;
    public const int TamperLine = 27;

    private readonly CancellationTokenSource _cts = new();

    public PerimeterRig(PerimeterOptions options)
    {
        Options = options;
        var site = SiteModel.Build(new SiteOptions
        {
            Zones = [new ZoneOptions { Id = "Z0" }, new ZoneOptions { Id = "Z1", Adjacent = ["Z0"] }],
            Sensors =
            [
                new SensorOptions { Id = "cam-0", Family = SensorFamily.Sapient, Zone = "Z0" },
                new SensorOptions { Id = "fence-1", Family = SensorFamily.Perimeter, Zone = "Z1" },
            ],
        });
        Sensor = site.Sensors[1];
        Health = new SensorHealthRegistry(site, Sink, Time);
        Context = new AdapterContext(site, Sink, Health, Time, NullLoggerFactory.Instance);
        Controller = new GpioController(Gpio);
        Adapter = options.Mode == PerimeterMode.Eol
            ? new PerimeterAdapter(Sensor, options, Context, Adc)
            : new PerimeterAdapter(Sensor, options, Context, Controller);
    }

    public PerimeterOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public CollectingSink Sink { get; } = new();

    public SensorHealthRegistry Health { get; }

    public AdapterContext Context { get; }

    public Sensor Sensor { get; }

    public SimulatedGpioDriver Gpio { get; } = new();

    public SimulatedMcp3008 Adc { get; } = new();

    public GpioController Controller { get; }

    public PerimeterAdapter Adapter { get; }

    public Task? Run { get; private set; }

    public SensorHealth SensorHealth => Health.Snapshot()[1];

    public static PerimeterOptions Contact(Action<PerimeterOptions>? tweak = null)
    {
        var o = new PerimeterOptions { Mode = PerimeterMode.Contact, Line = Line };
        tweak?.Invoke(o);
        return o;
    }

    /// <summary>Starts the adapter with the line(s) at their normal level and lets the initial read settle.</summary>
    public PerimeterRig Start(bool inAlarm = false)
    {
        if (Options.Mode != PerimeterMode.Eol)
        {
            Gpio.SetInputLevel(Line, inAlarm ? Options.AlarmLevel : !Options.AlarmLevel);
            if (Options.Mode == PerimeterMode.Dual)
            {
                Gpio.SetInputLevel(TamperLine, !Options.AlarmLevel);
            }
        }

        Run = Adapter.RunAsync(_cts.Token);
        Advance(TimeSpan.FromMilliseconds(Options.DebounceMs + Options.EolSampleMs * 3));
        return this;
    }

    /// <summary>Advances the fake clock in small steps so every timer fires at (about) its due time.</summary>
    public void Advance(TimeSpan total, TimeSpan? step = null)
    {
        var s = step ?? TimeSpan.FromMilliseconds(5);
        for (var left = total; left > TimeSpan.Zero; left -= s)
        {
            Time.Advance(left < s ? left : s);
        }
    }

    /// <summary>
    /// Advances the fake clock in 10 ms steps, yielding real time between steps, until <paramref name="condition"/> holds
    /// (for work that continues on the thread pool, like a retry after a backoff delay). Generous limits, no timing assertion.
    /// </summary>
    public async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan maxFake)
    {
        var real = System.Diagnostics.Stopwatch.StartNew();
        for (var t = TimeSpan.Zero; !condition(); t += TimeSpan.FromMilliseconds(10))
        {
            if (t > maxFake || real.Elapsed > TimeSpan.FromSeconds(30))
            {
                return;
            }

            Time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(1);
        }
    }

    public void Ms(int milliseconds) => Advance(TimeSpan.FromMilliseconds(milliseconds));

    public void SetAlarm(int line = Line) => Gpio.SetInputLevel(line, Options.AlarmLevel);

    public void SetNormal(int line = Line) => Gpio.SetInputLevel(line, !Options.AlarmLevel);

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        if (Run is not null)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run);
        }

        await Adapter.DisposeAsync();
        Controller.Dispose();
        Adc.Dispose();
        _cts.Dispose();
    }
}
