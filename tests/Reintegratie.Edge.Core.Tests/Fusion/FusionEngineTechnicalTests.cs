using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Tests.Fusion;

public class FusionEngineTechnicalTests
{
    [Fact]
    public void Offline_ThenOnline_NewThenEnd()
    {
        var h = new FusionHarness();

        h.Health("rid-1", 0, SensorStatus.Offline, "not_seen_yet");
        h.Health("rid-1", 10, SensorStatus.Offline, "heartbeat_timeout");
        h.Health("rid-1", 20, SensorStatus.Online, "reporting");

        Assert.Equal(["sensor_offline:new", "sensor_offline:end"], h.Sink.Sequence());
        var alert = h.Sink.Changes[0].After;
        Assert.Equal("Sensor rid-1 offline", alert.Title);
        Assert.Equal(Severity.Medium, alert.Severity);
        Assert.Equal("heartbeat_timeout", alert.Detail);
        Assert.Equal(["rid-1"], alert.Sensors);
        Assert.Equal(FusionHarness.T0.AddSeconds(20), h.Sink.Changes[1].After.EndedAt);
    }

    [Fact]
    public void Offline_RepeatedReports_OneAlert()
    {
        var h = new FusionHarness();

        for (var i = 0; i < 10; i++)
        {
            h.Health("sap-1", i, SensorStatus.Offline, "transport_closed");
        }

        h.Ticks(10, 12);

        Assert.Single(h.Sink.Changes, c => c.Type == AlertChangeType.New);
        Assert.Equal(10, h.Sink.Changes[^1].After.EvidenceCount);
    }

    [Fact]
    public void BrokerPath_LostThenRestored_HighAlertNewThenEnd()
    {
        var h = new FusionHarness();

        h.Health("none", 0, SensorStatus.Offline, "broker_path_lost", EventKind.Gateway);
        h.Health("none", 30, SensorStatus.Online, "broker_path_restored", EventKind.Gateway);

        Assert.Equal(["broker_path_lost:new", "broker_path_lost:end"], h.Sink.Sequence());
        Assert.Equal(Severity.High, h.Sink.Changes[0].After.Severity);
        Assert.Equal("Verbinding met broker verbroken", h.Sink.Changes[0].After.Title);
    }

    [Fact]
    public void Gateway_Fault_RaisesSensorFaultOnTheGatewayUntilOnline()
    {
        var h = new FusionHarness();

        h.Health("none", 0, SensorStatus.Fault, "journal_corrupt_moved_aside", EventKind.Gateway);
        h.Health("none", 5, SensorStatus.Online, "journal_ok", EventKind.Gateway);

        Assert.Equal("sensor_fault:new", h.Sink.Sequence()[0]);
        Assert.Equal("journal_corrupt_moved_aside", h.Sink.Changes[0].After.Detail);
    }

    [Fact]
    public void Gateway_JournalDiskFullThenRecovered_SensorFaultNewThenEnd()
    {
        var h = new FusionHarness();

        h.Health("none", 0, SensorStatus.Fault, "journal_disk_full", EventKind.Gateway);
        h.Health("none", 30, SensorStatus.Online, "journal_recovered", EventKind.Gateway);

        Assert.Equal(["sensor_fault:new", "sensor_fault:end"], h.Sink.Sequence());
        Assert.Equal("journal_disk_full", h.Sink.Changes[0].After.Detail);
    }

    [Fact]
    public void Gateway_JournalRecoveredAfterCorruptJournal_FaultStays()
    {
        var h = new FusionHarness();

        h.Health("none", 0, SensorStatus.Fault, "journal_corrupt_moved_aside", EventKind.Gateway);
        h.Health("none", 30, SensorStatus.Online, "journal_recovered", EventKind.Gateway);

        Assert.Equal(["sensor_fault:new"], h.Sink.Sequence());
    }

    [Fact]
    public void Gateway_OfflineOtherThanBrokerPath_RaisesNothing()
    {
        var h = new FusionHarness();

        h.Health("none", 0, SensorStatus.Offline, "journal_slow", EventKind.Gateway);

        Assert.Empty(h.Sink.Changes);
    }

    [Fact]
    public void HealthFault_EndsWhenOnline()
    {
        var h = new FusionHarness();

        h.Health("sap-1", 0, SensorStatus.Fault, "parse_errors");
        h.Health("sap-1", 5, SensorStatus.Online, "reporting");

        Assert.Equal(["sensor_fault:new", "sensor_fault:end"], h.Sink.Sequence());
    }
}
