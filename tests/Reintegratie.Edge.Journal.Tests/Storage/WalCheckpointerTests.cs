using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Tests.Writing;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Journal.Tests.Storage;

/// <summary>
/// With the group commit the WAL is checkpointed by the sync thread (<see cref="WalCheckpointer"/>), never inside a
/// commit on the journal thread, and stays bounded. A real journal file; the fsync is held by
/// <see cref="ControlledWalSync"/> (the storage edge) to keep the sync thread busy.
/// </summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private const int FrameBytes = 4096 + 24; // a WAL frame: one page and its header (sqlite.org/fileformat.html, 4.1)
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly JournalFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Commits_SyncThreadHeld_NoCheckpointInACommitThenTheSyncThreadBoundsTheWal()
    {
        using var wal = new ControlledWalSync(_f.Path);
        using var writer = JournalWriter.Open(_f.Options(o => o.Sync = JournalSync.Group), _f.Site, _f.Time, null, wal);
        wal.Hold();
        writer.OnEvent(_f.Drone(), 0, true);
        Assert.True(wal.Entered.Wait(s_wait), "the sync thread never started the sync");

        for (var i = 1; i < 3000; i++)
        {
            writer.OnEvent(_f.Drone(), i, true); // one commit per event, as at 1k/s; the sync thread is held meanwhile
        }

        // SQLite's automatic checkpoint would have run inside the commit that passed 1000 pages and the next commit
        // would have written the WAL again from its start: the file would have stayed near 1000 frames.
        var walBytes = new FileInfo(_f.Path + "-wal").Length;
        Assert.True(walBytes > 2000L * FrameBytes, $"WAL {walBytes} B: a commit checkpointed");
        var before = writer.Checkpoints;

        wal.Release();
        await WaitUntil(() => writer.Checkpoints > before && writer.Head.Seq == 3000);
        writer.OnEvent(_f.Drone(), 3000, true); // the first commit after a complete checkpoint rewrites the WAL from its start
        writer.Flush();

        Assert.True(new FileInfo(_f.Path + "-wal").Length <= JournalDatabase.WalSizeLimit, "the WAL was not cut back to journal_size_limit");
        Assert.Equal(3001, TestQueries.Rows(_f.Path).Count);
    }

    [Fact]
    public void Run_OnAJournalWithFrames_CopiesThemAll()
    {
        using (var writer = JournalWriter.Open(_f.Options(o => o.Sync = JournalSync.Group), _f.Site, _f.Time, null, new ControlledWalSync(_f.Path)))
        {
            for (var i = 0; i < 50; i++)
            {
                writer.OnEvent(_f.Drone(), i, true);
            }

            writer.Flush();
            using var checkpointer = new WalCheckpointer(_f.Path, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

            checkpointer.Run();

            Assert.Equal(1, checkpointer.Runs);
            Assert.True(checkpointer.Last.Log > 0, "no frames in the WAL");
            Assert.Equal(checkpointer.Last.Log, checkpointer.Last.Copied);
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(s_wait);
        while (!condition())
        {
            await Task.Delay(5, cts.Token);
        }
    }
}
