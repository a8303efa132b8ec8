using System.Text;
using Reintegratie.Edge.Core.Alerts;

namespace Reintegratie.Edge.Journal.Tests.Outbox;

public sealed class OutboxStoreTests : IDisposable
{
    private readonly JournalFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void ReadBatch_AfterAlertChanges_LifecycleAndActiveRowsInOrder()
    {
        using var writer = _f.Open();
        using var outbox = writer.OpenOutbox();
        var e = _f.Drone();
        writer.OnAlertChange(JournalFixture.Change("01A", 1, AlertChangeType.New), e.EventId);
        writer.OnAlertChange(JournalFixture.Change("01B", 1, AlertChangeType.New, Severity.Medium), e.EventId);
        writer.OnAlertChange(JournalFixture.Change("01A", 2, AlertChangeType.End), e.EventId);
        writer.OnEvent(e, 0, true);

        var batch = outbox.ReadBatch(0, 100);

        Assert.Equal(["alerts", "alerts/active", "alerts", "alerts/active", "alerts", "alerts/active"], batch.Select(m => m.Topic));
        Assert.True(batch.Select(m => m.Id).SequenceEqual(batch.Select(m => m.Id).Order()));
        Assert.Equal([false, true, false, true, false, true], batch.Select(m => m.Retain));
        var lastActive = AlertJsonList(batch[^1].Payload);
        Assert.Equal(["01B"], lastActive);
        var secondActive = AlertJsonList(batch[3].Payload);
        Assert.Equal(["01A", "01B"], secondActive);
        var lifecycle = AlertJson.ChangeFromUtf8(batch[4].Payload.Span)!;
        Assert.Equal((AlertChangeType.End, 2), (lifecycle.Type, lifecycle.After.Revision));
        Assert.Equal(("01A", 2), (batch[4].AlertId, batch[4].Revision));
        Assert.Equal(6, outbox.PendingCount);
    }

    [Fact]
    public void Delete_OnAck_RemovesOnlyThatRow()
    {
        using var writer = _f.Open();
        using var outbox = writer.OpenOutbox();
        var e = _f.Drone();
        writer.OnAlertChange(JournalFixture.Change("01A", 1, AlertChangeType.New), e.EventId);
        writer.OnEvent(e, 0, true);
        var batch = outbox.ReadBatch(0, 10);

        outbox.Delete(batch[0].Id);

        var rest = outbox.ReadBatch(0, 10);
        Assert.Equal([batch[1].Id], rest.Select(m => m.Id));
        Assert.Empty(outbox.ReadBatch(batch[1].Id, 10));
        Assert.Equal(1, outbox.PendingCount);
    }

    [Fact]
    public async Task WaitForRowsAsync_NoRows_CompletesAfterCommit()
    {
        using var writer = _f.Open();
        using var outbox = writer.OpenOutbox();
        var waiting = outbox.WaitForRowsAsync(0, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        var e = _f.Drone();
        writer.OnAlertChange(JournalFixture.Change("01A", 1, AlertChangeType.New), e.EventId);
        writer.OnEvent(e, 0, true);

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, outbox.PendingCount);
    }

    [Fact]
    public async Task WaitForRowsAsync_Cancelled_Throws()
    {
        using var writer = _f.Open();
        using var outbox = writer.OpenOutbox();
        using var cts = new CancellationTokenSource();
        var waiting = outbox.WaitForRowsAsync(0, cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Shedding_OverMaxRows_NeverShedsHighOrCriticalAndKeepsNewestActive()
    {
        using var writer = _f.Open(o => o.Outbox.MaxRows = 10);
        using var outbox = writer.OpenOutbox();
        var severities = new[] { Severity.Info, Severity.Critical, Severity.Low, Severity.High, Severity.Medium, Severity.Info, Severity.Critical, Severity.Low, Severity.High, Severity.Info };
        for (var i = 0; i < severities.Length; i++)
        {
            var e = _f.Drone();
            writer.OnAlertChange(JournalFixture.Change($"01S{i}", 1, AlertChangeType.New, severities[i]), e.EventId);
            writer.OnEvent(e, i, true);
        }

        var rows = outbox.ReadBatch(0, 1000);

        Assert.True(rows.Count <= 10, $"{rows.Count} rows left");
        Assert.True(writer.OutboxShed > 0);
        var lifecycles = rows.Where(r => r.Topic == "alerts").ToList();
        foreach (var i in Enumerable.Range(0, severities.Length).Where(i => severities[i] >= Severity.High))
        {
            Assert.Contains(lifecycles, r => r.AlertId == $"01S{i}");
        }

        var active = Assert.Single(rows, r => r.Topic == "alerts/active");
        Assert.Equal("01S9", active.AlertId);
        Assert.Equal(10, AlertJsonList(active.Payload).Count);
    }

    [Fact]
    public void Shedding_OnlyHighAndCritical_KeepsThemAllOverTheBound()
    {
        using var writer = _f.Open(o => o.Outbox.MaxRows = 10);
        using var outbox = writer.OpenOutbox();
        for (var i = 0; i < 8; i++)
        {
            var e = _f.Drone();
            writer.OnAlertChange(JournalFixture.Change($"01C{i}", 1, AlertChangeType.New, i % 2 == 0 ? Severity.High : Severity.Critical), e.EventId);
            writer.OnEvent(e, i, true);
        }

        var rows = outbox.ReadBatch(0, 1000);

        Assert.Equal(8, rows.Count(r => r.Topic == "alerts"));
        Assert.Single(rows, r => r.Topic == "alerts/active");
    }

    [Fact]
    public void Shedding_AgedLowSeverity_ShedAfterMaxAge()
    {
        using var writer = _f.Open(o => o.Outbox.MaxAgeHours = 1);
        using var outbox = writer.OpenOutbox();
        var e = _f.Drone();
        writer.OnAlertChange(JournalFixture.Change("01L", 1, AlertChangeType.New, Severity.Low), e.EventId);
        writer.OnAlertChange(JournalFixture.Change("01H", 1, AlertChangeType.New, Severity.High), e.EventId);
        writer.OnEvent(e, 0, true);
        _f.Time.Advance(TimeSpan.FromHours(2));

        writer.OnEvent(_f.Tick(), 1, true);

        var rows = outbox.ReadBatch(0, 100);
        Assert.DoesNotContain(rows, r => r.AlertId == "01L");
        Assert.Contains(rows, r => r.AlertId == "01H" && r.Topic == "alerts");
        Assert.Equal(2, writer.OutboxShed);
    }

    private static List<string> AlertJsonList(ReadOnlyMemory<byte> payload) =>
        System.Text.Json.JsonDocument.Parse(Encoding.UTF8.GetString(payload.Span)).RootElement.EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
}
