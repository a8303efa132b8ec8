using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Pipeline;
using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Tests.Storage;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Journal.Tests.Writing;

/// <summary>
/// The group commit (<see cref="JournalSync.Group"/>): commits do not sync, one fsync of the WAL makes them durable, and
/// nothing passes the gate before it: no outbox row is readable, no command acknowledged, no head announced and no
/// event handed to the events stage. The fsync is the storage edge, so it is the one part faked here
/// (<see cref="ControlledWalSync"/>: held, or failing); everything else is the real journal on a real file.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
    private readonly JournalFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task OnEvent_SyncNotYetDone_NothingPassesTheGateThenEverythingDoes()
    {
        using var wal = new ControlledWalSync(_f.Path);
        using var writer = Open(wal);
        using var outbox = writer.OpenOutbox();
        var events = new RecordingStage();
        var stage = writer.AfterDurable(events);
        wal.Hold();
        var command = _f.Command("01A");
        var journaled = ((OperatorCommand)command.Attachment!).Journaled!.Task;
        writer.OnAlertChange(JournalFixture.Change("01A", 1, AlertChangeType.New), command.EventId);

        writer.OnEvent(command, 0, true); // committed: the sync thread takes it and is held inside the fsync
        Assert.True(wal.Entered.Wait(s_wait), "the sync thread never started the sync");
        var published = Task.Run(() => stage.OnEvent(command, 0, true));

        Assert.Equal(2, TestQueries.Rows(_f.Path).Count); // committed: the rows are in the database
        Assert.False(journaled.IsCompleted, "the command must not be acknowledged before its row is durable");
        Assert.Empty(outbox.ReadBatch(0, 10));
        Assert.Equal(0, writer.Head.Seq);
        Assert.False(published.IsCompleted, "the events stage must not publish before the sync");
        Assert.Empty(events.Seen);

        wal.Release();
        await journaled.WaitAsync(s_wait);
        await published.WaitAsync(s_wait);

        Assert.Equal(2, outbox.ReadBatch(0, 10).Count);
        Assert.Equal(2, writer.Head.Seq);
        Assert.Equal([0L], events.Seen);
    }

    [Fact]
    public async Task OnEvent_ManyCommitsDuringOneSync_OneMoreSyncCoversThemAll()
    {
        using var wal = new ControlledWalSync(_f.Path);
        using var writer = Open(wal);
        wal.Hold();
        writer.OnEvent(_f.Drone(), 0, true);
        Assert.True(wal.Entered.Wait(s_wait), "the sync thread never started the sync");

        for (var i = 1; i <= 20; i++)
        {
            writer.OnEvent(_f.Drone(), i, true); // 20 more commits while the first sync is under way
        }

        wal.Release();
        await WaitUntil(() => writer.Head.Seq == 21);

        Assert.Equal(2, writer.Syncs); // 21 commits, 2 fsyncs
        Assert.Equal(21, TestQueries.Rows(_f.Path).Count);
    }

    [Fact]
    public async Task OnEvent_SyncFails_NothingPassesTheGateUntilASyncSucceeds()
    {
        using var wal = new ControlledWalSync(_f.Path);
        using var writer = Open(wal);
        using var outbox = writer.OpenOutbox();
        var events = new RecordingStage();
        var stage = writer.AfterDurable(events);
        string? faulted = null;
        var recovered = false;
        writer.Faulted += reason => Volatile.Write(ref faulted, reason);
        writer.Recovered += () => Volatile.Write(ref recovered, true);
        wal.Fail(new IOException("EIO: the device reported a write error"));
        var command = _f.Command("01A");
        var journaled = ((OperatorCommand)command.Attachment!).Journaled!.Task;
        writer.OnAlertChange(JournalFixture.Change("01A", 1, AlertChangeType.New), command.EventId);

        writer.OnEvent(command, 0, true);
        await WaitUntil(() => Volatile.Read(ref faulted) is not null);
        stage.OnEvent(command, 0, true);

        Assert.False(journaled.IsCompleted, "not durable: the command must not be acknowledged");
        Assert.Empty(outbox.ReadBatch(0, 10));
        Assert.Equal(0, writer.Head.Seq);
        Assert.Empty(events.Seen);
        Assert.Equal(1, stage.NotDurable);
        Assert.Equal("journal_sync_failed", faulted); // the gateway raises sensor_fault on "gateway" with it

        wal.Fail(null); // the device works again: the retry (backoff) syncs
        await journaled.WaitAsync(s_wait);
        await WaitUntil(() => Volatile.Read(ref recovered));

        Assert.Equal(2, outbox.ReadBatch(0, 10).Count);
        Assert.Equal(2, writer.Head.Seq);
        writer.OnEvent(_f.Tick(), 1, true);
        stage.OnEvent(_f.Tick(), 1, true);
        Assert.Equal([1L], events.Seen);
    }

    [Fact]
    public void OnEvent_DiskFullOnTmpfs_NothingPassesTheGateUntilTheHeldRowsAreDurable()
    {
        using var fs = SmallFilesystem.TryMount(1024, out var reason)
            ?? throw new InvalidOperationException($"this test needs a 1 MiB tmpfs and could not mount one: {reason}");
        var path = Path.Combine(fs.Directory, "journal.db");
        using var writer = JournalWriter.Open(new JournalOptions { Path = path, ReserveBytes = 0 }, _f.Site, _f.Time);
        using var outbox = writer.OpenOutbox();
        var events = new RecordingStage();
        var stage = writer.AfterDurable(events);
        var first = _f.Perimeter();
        writer.OnAlertChange(JournalFixture.Change("01A", 1, AlertChangeType.New), first.EventId);
        writer.OnEvent(first, 0, true);
        writer.Flush();
        var before = outbox.ReadBatch(0, 10).Count;
        fs.Fill();
        var command = _f.Command("01A");
        var journaled = ((OperatorCommand)command.Attachment!).Journaled!.Task;
        writer.OnAlertChange(JournalFixture.Change("01A", 2, AlertChangeType.Update), command.EventId);

        writer.OnEvent(command, 1, true); // SQLITE_FULL: rolled back, held in memory
        stage.OnEvent(command, 1, true);

        Assert.Equal(2, before);
        Assert.True(writer.HeldRows > 0);
        Assert.False(journaled.IsCompleted, "held in memory is not durable");
        Assert.Equal(2, outbox.ReadBatch(0, 10).Count);
        Assert.Equal(2, writer.Head.Seq);
        Assert.Empty(events.Seen);
        Assert.Equal(1, stage.NotDurable);

        fs.Free();
        _f.Time.Advance(TimeSpan.FromSeconds(10));
        writer.OnEvent(_f.Tick(), 2, true); // the retry commits the held rows
        writer.Flush();

        Assert.True(journaled.IsCompletedSuccessfully);
        Assert.Equal(4, outbox.ReadBatch(0, 10).Count);
        Assert.Equal(4, writer.Head.Seq);
        stage.OnEvent(_f.Tick(), 2, true);
        Assert.Equal([2L], events.Seen);
    }

    [Fact]
    public void OnEvent_NothingWaitsBehindTheCommit_TheJournalThreadSyncsAndTheEventPassesAtOnce()
    {
        using var wal = new ControlledWalSync(_f.Path);
        using var writer = Open(wal);
        var events = new RecordingStage();
        var stage = writer.AfterDurable(events);
        var newest = 0L;
        writer.SyncInlineWhenIdle(() => Volatile.Read(ref newest));
        var e = _f.Drone();
        writer.OnAlertChange(JournalFixture.Change("01A", 1, AlertChangeType.New), e.EventId);

        writer.OnEvent(e, 0, true); // the ring holds nothing after it

        Assert.Equal(Environment.CurrentManagedThreadId, wal.LastThreadId); // synced here, not handed to the sync thread
        Assert.Equal(1, writer.InlineSyncs);
        Assert.Equal(1, writer.Syncs);
        Assert.Equal(2, writer.Head.Seq); // durable before OnEvent returned, so before the stage passes it on
        stage.OnEvent(e, 0, true);
        Assert.Equal([0L], events.Seen);
    }

    [Fact]
    public async Task OnEvent_EventsWaitBehindTheCommit_TheSyncThreadSyncsIt()
    {
        using var wal = new ControlledWalSync(_f.Path);
        using var writer = Open(wal);
        writer.SyncInlineWhenIdle(() => 5); // five more events claimed in the ring

        writer.OnEvent(_f.Drone(), 0, true);
        await WaitUntil(() => writer.Head.Seq == 1);

        Assert.NotEqual(Environment.CurrentManagedThreadId, wal.LastThreadId);
        Assert.Equal(0, writer.InlineSyncs);
        Assert.Equal(1, writer.Syncs);
    }

    [Fact]
    public async Task OnEvent_EventsPiledUpSinceTheLastDurablePoint_TheSyncThreadSyncsThem()
    {
        using var wal = new ControlledWalSync(_f.Path);
        using var writer = Open(wal);
        writer.SyncInlineWhenIdle(() => 4); // the ring is empty behind event 4, but 0-3 came in the same batch

        for (var i = 0; i <= 4; i++)
        {
            writer.OnEvent(_f.Drone(), i, i == 4);
        }

        await WaitUntil(() => writer.Head.Seq == 5);

        Assert.NotEqual(Environment.CurrentManagedThreadId, wal.LastThreadId); // the disk or the CPU is slow: the journal thread goes on committing
        Assert.Equal(0, writer.InlineSyncs);
    }

    [Fact]
    public async Task OnEvent_InlineSyncHeldThenFailing_NothingPassesAndTheRowsAreDurableAfterARestart()
    {
        using var wal = new ControlledWalSync(_f.Path);
        var writer = Open(wal);
        using var outbox = writer.OpenOutbox();
        var events = new RecordingStage();
        var stage = writer.AfterDurable(events);
        writer.SyncInlineWhenIdle(() => 0);
        wal.Hold();
        var command = _f.Command("01A");
        var journaled = ((OperatorCommand)command.Attachment!).Journaled!.Task;
        writer.OnAlertChange(JournalFixture.Change("01A", 1, AlertChangeType.New), command.EventId);

        var journal = Task.Run(() => writer.OnEvent(command, 0, true)); // the journal thread, held inside its own fsync
        Assert.True(wal.Entered.Wait(s_wait), "the journal thread never started the sync");
        var published = Task.Run(() => stage.OnEvent(command, 0, true));

        Assert.Equal(2, TestQueries.Rows(_f.Path).Count); // committed, not durable: what a kill now would leave
        Assert.False(journal.IsCompleted, "the journal thread passes the event on only after its fsync");
        Assert.False(journaled.IsCompleted, "the command must not be acknowledged before its row is durable");
        Assert.Empty(outbox.ReadBatch(0, 10));
        Assert.Equal(0, writer.Head.Seq);
        Assert.False(published.IsCompleted, "the events stage must not publish before the sync");

        wal.Fail(new IOException("EIO: the device reported a write error"));
        wal.Release(); // the inline fsync fails: the sync thread takes the point over and retries, failing too
        await journal.WaitAsync(s_wait);
        await published.WaitAsync(s_wait);
        wal.Hold(); // the process dies here: no retry, no sync at close gets through
        var closing = Task.Run(writer.Dispose);
        Assert.True(wal.Entered.Wait(s_wait), "no sync was tried after the failure");

        Assert.Empty(events.Seen);
        Assert.Equal(1, stage.NotDurable);
        Assert.False(journaled.IsCompleted);
        Assert.Empty(outbox.ReadBatch(0, 10));
        Assert.Equal(0, writer.Head.Seq);

        wal.Release();
        await closing.WaitAsync(s_wait);
        using var reopened = JournalWriter.Open(_f.Options(o => o.Sync = JournalSync.Group), _f.Site, _f.Time);
        using var reread = reopened.OpenOutbox();
        Assert.Equal(2, reopened.Head.Seq); // synced at open, before any is readable
        Assert.Equal(2, reread.ReadBatch(0, 10).Count);
    }

    [Fact]
    public void Open_RowsCommittedButNeverSynced_SyncedAtOpenBeforeAnyIsReadable()
    {
        using (var wal = new ControlledWalSync(_f.Path))
        using (var writer = Open(wal))
        {
            wal.Fail(new IOException("EIO"));
            var e = _f.Drone();
            writer.OnAlertChange(JournalFixture.Change("01A", 1, AlertChangeType.New), e.EventId);
            writer.OnEvent(e, 0, true); // committed; its sync fails, and so does the last one at close
        }

        using var reopened = JournalWriter.Open(_f.Options(o => o.Sync = JournalSync.Group), _f.Site, _f.Time);
        using var outbox = reopened.OpenOutbox();

        Assert.Equal(2, reopened.Head.Seq);
        Assert.Equal(2, outbox.ReadBatch(0, 10).Count);
    }

    private JournalWriter Open(ControlledWalSync wal) =>
        JournalWriter.Open(_f.Options(o => o.Sync = JournalSync.Group), _f.Site, _f.Time, null, wal);

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(s_wait);
        while (!condition())
        {
            await Task.Delay(5, cts.Token);
        }
    }

    /// <summary>The events stage stand-in: records the ring sequences it was handed.</summary>
    private sealed class RecordingStage : IStageHandler<SensorEvent>
    {
        public List<long> Seen { get; } = [];

        public void OnEvent(SensorEvent data, long sequence, bool endOfBatch) => Seen.Add(sequence);
    }
}
