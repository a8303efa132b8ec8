using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RemoteId.Mavlink;
using Reintegratie.Edge.Sensors.RfDetector;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.Tests.Transports;

/// <summary>The parts every serial adapter gets from <see cref="SerialSensorAdapter"/>, for each of the three.</summary>
public class SerialSensorAdapterTests
{
    public static TheoryData<string> Families => ["rf", "rid", "mavlink"];

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Create_AnyFormat_NameSensorsAndReaderFromTheSensor(string family)
    {
        var (adapter, site) = Create(family);

        Assert.Equal("s1", adapter.Name);
        Assert.Equal([site.Sensors[0].Index], adapter.Sensors);
        Assert.Equal(0, adapter.Reader.Connects);
        Assert.Equal(0, adapter.Malformed);
        await adapter.DisposeAsync();
    }

    [Theory]
    [InlineData("rf")]
    [InlineData("rid")]
    public void OnOverlongLine_LineFormats_CountedAsMalformed(string family)
    {
        var (adapter, _) = Create(family);

        ((ILineHandler)adapter).OnOverlongLine("$PRFDT,1,2,3"u8, 9_999);
        ((ILineHandler)adapter).OnOverlongLine("RID,BT5,-60"u8, 9_999);

        Assert.Equal(2, adapter.Malformed);
    }

    [Fact]
    public async Task RunAsync_PortMissing_ReaderRetriesWithoutThrowing()
    {
        var (adapter, _) = Create("rid", port: "/dev/edge-test-no-such-port");
        using var cts = new CancellationTokenSource();

        var run = adapter.RunAsync(cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(0, adapter.Reader.Connects);
    }

    private static (SerialSensorAdapter Adapter, Core.Site.SiteModel Site) Create(string family, string port = "/dev/null")
    {
        var site = TestSite.Build(family == "rf" ? SensorFamily.RfDetector : SensorFamily.RemoteId);
        var ctx = TestSite.Context(site, new CollectingEventSink());
        SerialSensorAdapter adapter = family switch
        {
            "rf" => RfDetectorAdapter.ForPort(site.Sensors[0], new RfDetectorOptions { Port = port }, ctx),
            "rid" => RemoteIdAdapter.ForPort(site.Sensors[0], new RemoteIdOptions { Port = port }, ctx),
            _ => MavlinkRemoteIdAdapter.ForPort(site.Sensors[0], new RemoteIdOptions { Format = RemoteIdFormat.Mavlink, Port = port }, ctx),
        };
        return (adapter, site);
    }
}
