using System.Net;
using System.Text;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Gsm;
using Reintegratie.Edge.Sensors.Tests.Gsm;
using Reintegratie.Edge.Sensors.Tests.Privacy;

namespace Reintegratie.Edge.Sensors.Tests.Links;

/// <summary>A GSM umbrella line claiming another umbrella's sensor id, over TLS with a valid certificate of its own.</summary>
public sealed class GsmLinkTests : IAsyncLifetime
{
    private readonly TestPki _pki = new();
    private GsmListenerRig _rig = null!;
    private CollectingSink _sink = null!;
    private GsmAdapter _adapter = null!;
    private IPEndPoint _endpoint = null!;

    public async Task InitializeAsync()
    {
        _rig = await GsmListenerRig.StartAsync(_pki.Settings());
        (_sink, _adapter, _endpoint) = (_rig.Sink, _rig.Adapter, _rig.Endpoint);
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
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
