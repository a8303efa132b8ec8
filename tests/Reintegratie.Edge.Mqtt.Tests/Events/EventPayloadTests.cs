using System.Text.Json;
using Reintegratie.Edge.Mqtt.Events;

namespace Reintegratie.Edge.Mqtt.Tests.Events;

public class EventPayloadTests
{
    [Fact]
    public void Format_DroneEvent_EnvelopeAndJournalData()
    {
        using var payload = new EventPayload(EventsTestSite.Site);

        using var doc = JsonDocument.Parse(payload.Format(EventsTestSite.Drone(42, "BENCH1")));

        var root = doc.RootElement;
        Assert.Equal(42, root.GetProperty("event_id").GetInt64());
        Assert.Equal(EventsTestSite.At, root.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("drone", root.GetProperty("kind").GetString());
        Assert.Equal("rf_detector", root.GetProperty("family").GetString());
        Assert.Equal("rf-1", root.GetProperty("sensor").GetString());
        Assert.Equal("Z1", root.GetProperty("zone").GetString());
        var data = root.GetProperty("data");
        Assert.Equal("BENCH1", data.GetProperty("track_id").GetString());
        Assert.Equal(2437.5, data.GetProperty("frequency_mhz").GetDouble());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("lat").ValueKind); // NaN = unknown = null
        Assert.Equal("uav_transmitter", data.GetProperty("classification").GetString());
    }

    [Fact]
    public void Format_GatewayEvent_SensorGatewayAndZoneNull()
    {
        using var payload = new EventPayload(EventsTestSite.Site);

        using var doc = JsonDocument.Parse(payload.Format(EventsTestSite.Gateway(7)));

        Assert.Equal("gateway", doc.RootElement.GetProperty("sensor").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("zone").ValueKind);
        Assert.Equal("outbox_shedding", doc.RootElement.GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public void Format_Twice_SecondPayloadHasNoTraceOfTheFirst()
    {
        using var payload = new EventPayload(EventsTestSite.Site);
        var first = payload.Format(EventsTestSite.Drone(1, "LONGTRACKID-AAAAAAAAAAAAAAAA"));

        var second = payload.Format(EventsTestSite.Drone(2, "B"));

        using var doc = JsonDocument.Parse(second);
        Assert.Equal("B", doc.RootElement.GetProperty("data").GetProperty("track_id").GetString());
        Assert.True(second.Length < first.Length);
    }
}
