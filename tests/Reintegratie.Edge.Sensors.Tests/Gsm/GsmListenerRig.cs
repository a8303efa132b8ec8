using System.Net;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Gsm;
using Reintegratie.Edge.Sensors.Links;
using Reintegratie.Edge.Sensors.Privacy;
using Reintegratie.Edge.Sensors.Tests.Privacy;

namespace Reintegratie.Edge.Sensors.Tests.Gsm;

/// <summary>
/// Two umbrellas (gsm-1 in wing-a, gsm-2 in wing-b) on one real listener on a loopback port, running: plaintext from
/// loopback (the component-test default) or with <paramref name="links"/> (TLS). Shared by the adapter and link tests.
/// </summary>
internal sealed class GsmListenerRig : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);
    private readonly CancellationTokenSource _cts = new();
    private Task _run = Task.CompletedTask;

    private GsmListenerRig()
    {
    }

    public CollectingSink Sink { get; } = new();

    public CapturingLoggerFactory Logs { get; } = new();

    public Pseudonymiser Pseudonymiser { get; } = TestKeys.Create();

    public SiteModel Site { get; } = SiteModel.Build(new SiteOptions
    {
        Zones = [new ZoneOptions { Id = "wing-a" }, new ZoneOptions { Id = "wing-b" }],
        Sensors =
        [
            new SensorOptions { Id = "gsm-1", Family = SensorFamily.Gsm, Zone = "wing-a" },
            new SensorOptions { Id = "gsm-2", Family = SensorFamily.Gsm, Zone = "wing-b" },
        ],
    });

    public SensorHealthRegistry Health { get; private set; } = null!;

    public GsmAdapter Adapter { get; private set; } = null!;

    public IPEndPoint Endpoint { get; private set; } = null!;

    public static async Task<GsmListenerRig> StartAsync(SensorLinkSettings? links = null, int maxLineBytes = 512)
    {
        var rig = new GsmListenerRig();
        var max = maxLineBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Sensors:0:Listen"] = "127.0.0.1:0",
            ["Site:Sensors:0:MaxLineBytes"] = max,
            ["Site:Sensors:1:Listen"] = "127.0.0.1:0",
            ["Site:Sensors:1:MaxLineBytes"] = max,
        }).Build();
        rig.Health = new SensorHealthRegistry(rig.Site, rig.Sink, TimeProvider.System);
        var context = new AdapterContext(rig.Site, rig.Sink, rig.Health, TimeProvider.System, rig.Logs, rig.Pseudonymiser, links);
        var adapters = new GsmAdapterFactory().Create(
            [(config.GetSection("Site:Sensors:0"), rig.Site.Sensors[0]), (config.GetSection("Site:Sensors:1"), rig.Site.Sensors[1])], context);
        rig.Adapter = (GsmAdapter)Assert.Single(adapters); // one listener serves both sensors
        rig._run = rig.Adapter.RunAsync(rig._cts.Token);
        rig.Endpoint = await rig.Adapter.Bound.WaitAsync(s_timeout);
        return rig;
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        await _run.WaitAsync(s_timeout);
        await Adapter.DisposeAsync();
        Pseudonymiser.Dispose();
        _cts.Dispose();
    }
}
