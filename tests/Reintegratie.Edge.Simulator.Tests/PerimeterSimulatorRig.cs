using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors;
using Reintegratie.Edge.Sensors.Perimeter;
using Reintegratie.Edge.Simulator;
using Reintegratie.Edge.Simulator.Profiles;

namespace Reintegratie.Edge.Simulator.Tests;

/// <summary>The gateway side (PerimeterAdapterFactory) and the simulator side (PerimeterSimulatorFactory) on one registry.</summary>
internal sealed class PerimeterSimulatorRig : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly List<(EventHeader Header, PerimeterData Data)> _events = [];
    private ISensorAdapter? _adapter;
    private Task? _run;

    public PerimeterSimulatorRig(params (string Key, string Value)[] keys)
    {
        var values = new Dictionary<string, string?> { ["Site:Sensors:0:Id"] = "net-1", ["Site:Sensors:0:Family"] = "Perimeter", ["Site:Sensors:0:Zone"] = "Z1" };
        foreach (var (k, v) in keys)
        {
            values[$"Site:Sensors:0:{k}"] = v;
        }

        Section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Site:Sensors:0");
        Site = SiteModel.Build(new SiteOptions
        {
            Zones = [new ZoneOptions { Id = "Z1" }],
            Sensors = [new SensorOptions { Id = "net-1", Family = SensorFamily.Perimeter, Zone = "Z1" }],
        });
        Sink = new PerimeterSimulatorSink(_events);
        Health = new SensorHealthRegistry(Site, Sink, Time);
        Context = new SimulationContext(Path.GetTempPath(), Time, NullLoggerFactory.Instance, Hardware);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public Dictionary<string, object> Hardware { get; } = new(StringComparer.Ordinal);

    public IConfigurationSection Section { get; }

    public SiteModel Site { get; }

    public PerimeterSimulatorSink Sink { get; }

    public SensorHealthRegistry Health { get; }

    public SimulationContext Context { get; }

    public ISimulatedSensor? Simulated { get; private set; }

    public IReadOnlyList<PerimeterState> States
    {
        get { lock (_events) { return _events.Select(e => e.Data.State).ToList(); } }
    }

    /// <summary>Creates the simulated sensor (prepare) and the gateway adapter with its overrides, in the given order.</summary>
    public async Task<PerimeterSimulatorRig> StartAsync(bool simulatorFirst = true)
    {
        if (simulatorFirst)
        {
            await CreateSimulatedAsync();
            StartGateway();
        }
        else
        {
            StartGateway();
            await CreateSimulatedAsync();
        }

        Advance(TimeSpan.FromMilliseconds(300));
        return this;
    }

    public Task StepAsync(string action, string? argsJson = null) =>
        Simulated!.ExecuteAsync(new ScenarioStep
        {
            Sensor = "net-1",
            Action = action,
            Args = argsJson is null ? default : System.Text.Json.JsonDocument.Parse(argsJson).RootElement,
        }, CancellationToken.None);

    public void Advance(TimeSpan total)
    {
        for (var left = total; left > TimeSpan.Zero; left -= TimeSpan.FromMilliseconds(5))
        {
            Time.Advance(TimeSpan.FromMilliseconds(5));
        }
    }

    /// <summary>Advances fake time while yielding real time, until the condition holds (background actions run on the pool).</summary>
    public async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan maxFake)
    {
        var real = System.Diagnostics.Stopwatch.StartNew();
        for (var t = TimeSpan.Zero; !condition() && t <= maxFake && real.Elapsed < TimeSpan.FromSeconds(30); t += TimeSpan.FromMilliseconds(5))
        {
            Time.Advance(TimeSpan.FromMilliseconds(5));
            await Task.Delay(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        if (_run is not null)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _run);
        }

        if (_adapter is not null)
        {
            await _adapter.DisposeAsync();
        }

        if (Simulated is not null)
        {
            await Simulated.DisposeAsync();
        }

        _cts.Dispose();
    }

    private async Task CreateSimulatedAsync()
    {
        Simulated = new PerimeterSimulatorFactory().Create(Section, Context);
        var overrides = await Simulated.PrepareAsync(CancellationToken.None);
        foreach (var (k, v) in overrides)
        {
            Section[k] = v;
        }

        await Simulated.StartAsync(CancellationToken.None);
    }

    private void StartGateway()
    {
        Section["Driver"] = "simulated";
        var context = new AdapterContext(Site, Sink, Health, Time, NullLoggerFactory.Instance);
        _adapter = Assert.Single(new PerimeterAdapterFactory(Hardware).Create([(Section, Site.Sensors[0])], context));
        _run = _adapter.RunAsync(_cts.Token);
    }
}
