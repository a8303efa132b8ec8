using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Gsm;
using Reintegratie.Edge.Sensors.Privacy;
using Reintegratie.Edge.Sensors.Tests.Gsm;
using Reintegratie.Edge.Sensors.Tests.Privacy;

namespace Reintegratie.Edge.Sensors.Tests.Links;

/// <summary>A GSM umbrella line claiming another umbrella's sensor id, over TLS with a valid certificate of its own.</summary>
public sealed class GsmLinkTests : IAsyncLifetime
{
    private readonly TestPki _pki = new();
    private readonly CollectingSink _sink = new();
    private readonly Pseudonymiser _p = TestKeys.Create();
    private readonly CancellationTokenSource _cts = new();
    private GsmAdapter _adapter = null!;
    private Task _run = Task.CompletedTask;
    private IPEndPoint _endpoint = null!;

    public async Task InitializeAsync()
    {
        var site = SiteModel.Build(new SiteOptions
        {
            Zones = [new ZoneOptions { Id = "wing-a" }, new ZoneOptions { Id = "wing-b" }],
            Sensors =
            [
                new SensorOptions { Id = "gsm-1", Family = SensorFamily.Gsm, Zone = "wing-a" },
                new SensorOptions { Id = "gsm-2", Family = SensorFamily.Gsm, Zone = "wing-b" },
            ],
        });
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Sensors:0:Listen"] = "127.0.0.1:0",
            ["Site:Sensors:1:Listen"] = "127.0.0.1:0",
        }).Build();
        var context = new AdapterContext(site, _sink, new SensorHealthRegistry(site, _sink, TimeProvider.System), TimeProvider.System, NullLoggerFactory.Instance, _p, _pki.Settings());
        _adapter = (GsmAdapter)Assert.Single(new GsmAdapterFactory().Create(
            [(config.GetSection("Site:Sensors:0"), site.Sensors[0]), (config.GetSection("Site:Sensors:1"), site.Sensors[1])], context));
        _run = _adapter.RunAsync(_cts.Token);
        _endpoint = await _adapter.Bound.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _cts.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
        _p.Dispose();
        _cts.Dispose();
        _pki.Dispose();
    }

    [Fact]
    public async Task Line_ForOtherUmbrella_RefusedJournaledAndOwnLinesServed()
    {
        await using var forger = await _pki.ConnectAsync(_endpoint, "gsm-2");
        await using var real = await _pki.ConnectAsync(_endpoint, "gsm-1");

        await forger.WriteAsync(Encoding.UTF8.GetBytes(GsmTestLines.Line(sensor: "gsm-1") + "\n"));
        await forger.FlushAsync();
        await WaitUntil(() => Forged().Count == 1);
        await real.WriteAsync(Encoding.UTF8.GetBytes(GsmTestLines.Line(sensor: "gsm-1") + "\n"));
        await real.FlushAsync();

        await WaitUntil(() => _sink.OfKind(EventKind.Handset).Count == 1);
        Assert.Equal(0, Forged()[0].SensorIndex);
        Assert.Equal(1, _adapter.Handler.Accepted);
        await WaitUntil(() => _adapter.ClientCount == 1); // the forger's link was closed
    }

    private List<SensorEvent> Forged() =>
        [.. _sink.OfKind(EventKind.SensorHealth).Where(e => e.Health.Status == SensorStatus.Fault && e.Health.Reason.ToString() == "forged_identity")];

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 30 s");
            await Task.Delay(20);
        }
    }
}
