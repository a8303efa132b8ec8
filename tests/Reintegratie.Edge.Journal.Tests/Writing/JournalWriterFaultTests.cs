using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Tests.Storage;
using Reintegratie.Edge.Journal.Verification;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Journal.Tests.Writing;

/// <summary>The journal on a real, tiny tmpfs that fills up: the failed batch is held, retried and committed; nothing is lost.</summary>
public sealed class JournalWriterFaultTests : IDisposable
{
    private readonly JournalFixture _f = new();
    private readonly SmallFilesystem _fs;

    public JournalWriterFaultTests()
    {
        // A test that cannot run fails: without the tmpfs (Linux, root; make test runs as root) every case here fails.
        _fs = SmallFilesystem.TryMount(1024, out var reason)
            ?? throw new InvalidOperationException($"the journal fault tests need a 1 MiB tmpfs and could not mount one: {reason}");
    }

    public void Dispose()
    {
        _fs.Dispose();
        _f.Dispose();
    }

    [Fact]
    public void OnEvent_DiskFull_FailedBatchHeldThenCommittedIntoReleasedReserve()
    {
        using var writer = Open(reserveBytes: 256 * 1024);
        string? faulted = null;
        writer.Faulted += reason => faulted = reason;
        WriteAlertBatch(writer, "01A");
        Assert.True(File.Exists(JournalPath + ".reserve"));
        _fs.Fill();

        WriteAlertBatch(writer, "01B"); // the commit needs new pages: SQLITE_FULL

        Assert.Equal("journal_disk_full", faulted);
        Assert.True(writer.IsDegraded);
        Assert.Equal(1, writer.FailedBatches);
        Assert.Equal(2, writer.HeldRows); // the perimeter event row and the alert revision it caused
        Assert.False(File.Exists(JournalPath + ".reserve"));
        Assert.DoesNotContain(AlertRows(), r => r.Id == "01B");

        _f.Time.Advance(TimeSpan.FromSeconds(10));
        writer.OnEvent(_f.Tick(), 2, true);

        Assert.Equal(0, writer.HeldRows);
        Assert.Contains(("01B", 1), AlertRows());
        Assert.Contains(OutboxRows(), r => r == ("01B", JournalWriter.AlertsTopic));
        Assert.True(writer.IsDegraded, "the reserve cannot be re-created while the filler takes the space");
        AssertIntact(writer);
    }

    [Fact]
    public void OnEvent_Degraded_DroneEventsCountedNotJournaledSecurityEventsAndAlertsJournaled()
    {
        using var writer = Open(reserveBytes: 256 * 1024);
        WriteAlertBatch(writer, "01A");
        _fs.Fill();
        WriteAlertBatch(writer, "01B");
        _f.Time.Advance(TimeSpan.FromSeconds(10));
        writer.OnEvent(_f.Tick(), 2, true);
        var rowsBefore = TestQueries.Rows(JournalPath).Count;

        var drone = _f.Drone();
        writer.OnAlertChange(JournalFixture.Change("01C", 1, AlertChangeType.New), drone.EventId);
        writer.OnEvent(drone, 3, false);
        writer.OnEvent(_f.Perimeter(), 4, true);

        Assert.Equal(1, writer.EventsNotJournaled);
        var added = TestQueries.Rows(JournalPath).Skip(rowsBefore).Select(r => (r.Type, r.Kind)).ToList();
        Assert.Equal([("alert", "drone_incursion"), ("event", "perimeter")], added);
    }

    [Fact]
    public void OnEvent_SpaceReturns_ReserveRecreatedRecoveredRaisedAndEverythingJournaledAgain()
    {
        using var writer = Open(reserveBytes: 256 * 1024);
        var recovered = 0;
        writer.Recovered += () => recovered++;
        WriteAlertBatch(writer, "01A");
        _fs.Fill();
        WriteAlertBatch(writer, "01B");
        _f.Time.Advance(TimeSpan.FromSeconds(10));
        writer.OnEvent(_f.Tick(), 2, true);

        _fs.Free();
        _f.Time.Advance(TimeSpan.FromSeconds(10));
        writer.OnEvent(_f.Tick(), 3, true);
        writer.OnEvent(_f.Drone(), 4, true);

        Assert.Equal(1, recovered);
        Assert.False(writer.IsDegraded);
        Assert.True(File.Exists(JournalPath + ".reserve"));
        Assert.Equal("drone", TestQueries.Rows(JournalPath)[^1].Kind);
        Assert.Equal([("01A", 1), ("01B", 1)], AlertRows());
        AssertIntact(writer);
    }

    [Fact]
    public void OnEvent_NoReserveDiskStaysFull_RowsHeldAcrossRetriesInOrderUntilSpaceReturns()
    {
        using var writer = Open(reserveBytes: 0);
        WriteAlertBatch(writer, "01A");
        _fs.Fill();
        WriteAlertBatch(writer, "01B");
        for (var i = 0; i < 3; i++)
        {
            _f.Time.Advance(TimeSpan.FromSeconds(10));
            var later = _f.Perimeter();
            writer.OnAlertChange(JournalFixture.Change("01B", 2 + i, AlertChangeType.Update), later.EventId);
            writer.OnEvent(later, 10 + i, true);
        }

        Assert.True(writer.HeldRows >= 6, $"held {writer.HeldRows}");
        Assert.True(writer.FailedBatches >= 2, "every due retry tried and failed again");
        Assert.DoesNotContain(AlertRows(), r => r.Id == "01B");

        _fs.Free();
        _f.Time.Advance(TimeSpan.FromSeconds(10));
        writer.OnEvent(_f.Tick(), 20, true);

        Assert.Equal(0, writer.HeldRows);
        Assert.False(writer.IsDegraded);
        Assert.Equal([("01A", 1), ("01B", 1), ("01B", 2), ("01B", 3), ("01B", 4)], AlertRows());
        Assert.Equal(4, TestQueries.Rows(JournalPath).Count(r => r.Kind == "perimeter" && r.Type == "event") - 1);
        AssertIntact(writer);
    }

    [Fact]
    public void OnEvent_DiskFull_CommandDurableOnlyOnceTheHeldRowsAreCommitted()
    {
        using var writer = Open(reserveBytes: 256 * 1024);
        WriteAlertBatch(writer, "01A");
        _fs.Fill();
        var command = _f.Command("01A");
        var journaled = ((OperatorCommand)command.Attachment!).Journaled!.Task;
        writer.OnAlertChange(JournalFixture.Change("01A", 2, AlertChangeType.Update), command.EventId);

        writer.OnEvent(command, command.EventId, true); // SQLITE_FULL: the command and its revision are held

        Assert.True(writer.IsDegraded);
        Assert.False(journaled.IsCompleted, "held in memory is not durable");
        _f.Time.Advance(TimeSpan.FromSeconds(10));
        writer.OnEvent(_f.Tick(), command.EventId + 1, true); // the retry commits into the released reserve

        Assert.Equal(0, writer.HeldRows);
        Assert.True(journaled.IsCompletedSuccessfully);
        Assert.Contains(TestQueries.Rows(JournalPath), r => r.Kind == "command");
        Assert.Equal([("01A", 1), ("01A", 2)], AlertRows());
    }

    [Fact]
    public void Dispose_DiskFullAndSpaceBackBeforeStop_HeldRowsCommittedAtShutdown()
    {
        var writer = Open(reserveBytes: 0);
        WriteAlertBatch(writer, "01A");
        _fs.Fill();
        WriteAlertBatch(writer, "01B");
        Assert.Equal(2, writer.HeldRows);

        _fs.Free();
        writer.Dispose(); // no retry was due yet: shutdown tries once more whatever the backoff says

        Assert.Equal([("01A", 1), ("01B", 1)], AlertRows());
    }

    private string JournalPath => Path.Combine(_fs.Directory, "journal.db");

    private JournalWriter Open(long reserveBytes) =>
        JournalWriter.Open(new JournalOptions { Path = JournalPath, ReserveBytes = reserveBytes, Sync = JournalSync.EachCommit }, _f.Site, _f.Time); // GroupCommitTests: the same with the group sync

    private void WriteAlertBatch(JournalWriter writer, string alertId)
    {
        var e = _f.Perimeter();
        writer.OnAlertChange(JournalFixture.Change(alertId, 1, AlertChangeType.New), e.EventId);
        writer.OnEvent(e, e.EventId, true);
    }

    private List<(string Id, int Revision)> AlertRows()
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT alert_id, revision FROM journal WHERE type = 'alert' ORDER BY seq";
        using var r = cmd.ExecuteReader();
        var list = new List<(string, int)>();
        while (r.Read())
        {
            list.Add((r.GetString(0), r.GetInt32(1)));
        }

        return list;
    }

    private List<(string Id, string Topic)> OutboxRows()
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT alert_id, topic FROM outbox ORDER BY id";
        using var r = cmd.ExecuteReader();
        var list = new List<(string, string)>();
        while (r.Read())
        {
            list.Add((r.GetString(0), r.GetString(1)));
        }

        return list;
    }

    private void AssertIntact(JournalWriter writer)
    {
        using var c = Connect();
        var result = JournalVerifier.Verify(c, writer.Head);
        Assert.True(result.Intact, result.Reason);
    }

    private SqliteConnection Connect()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = JournalPath, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        c.Open();
        return c;
    }
}
