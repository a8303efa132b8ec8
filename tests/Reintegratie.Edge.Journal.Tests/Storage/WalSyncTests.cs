using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Tests.Storage;

/// <summary>
/// <see cref="WalSync"/> keeps one descriptor of <c>{journal}-wal</c>; a WAL deleted and recreated under it must not
/// leave the sync on the unlinked file. Real files in a temp directory.
/// </summary>
public sealed class WalSyncTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("walsync-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Sync_WalDeletedAndRecreated_NextSyncTargetsTheNewFile()
    {
        var journal = Path.Combine(_dir, "journal.db");
        var walPath = journal + "-wal";
        File.WriteAllText(walPath, "old frames");
        using var wal = new WalSync(journal);
        wal.Sync();
        Assert.Equal(walPath, wal.Target);

        File.Delete(walPath);
        File.WriteAllText(walPath, "new frames");
        Assert.EndsWith(" (deleted)", wal.Target, StringComparison.Ordinal); // the kept descriptor now names the unlinked file

        wal.Sync();

        Assert.Equal(1, wal.Reopens);
        Assert.Equal(walPath, wal.Target);
    }

    [Fact]
    public void Sync_SameWalManyTimes_KeepsOneDescriptor()
    {
        var journal = Path.Combine(_dir, "journal.db");
        File.WriteAllText(journal + "-wal", "frames");
        using var wal = new WalSync(journal);

        for (var i = 0; i < 5; i++)
        {
            wal.Sync();
        }

        Assert.Equal(0, wal.Reopens);
        Assert.Equal(journal + "-wal", wal.Target);
    }

    [Fact]
    public void Sync_WalDeletedAndNotRecreated_NothingToSyncUntilItReturns()
    {
        var journal = Path.Combine(_dir, "journal.db");
        File.WriteAllText(journal + "-wal", "frames");
        using var wal = new WalSync(journal);
        wal.Sync();
        File.Delete(journal + "-wal");

        wal.Sync(); // the last connection's close deletes the WAL: nothing committed is left in it

        Assert.Null(wal.Target);
        File.WriteAllText(journal + "-wal", "frames again");
        wal.Sync();
        Assert.Equal(journal + "-wal", wal.Target);
    }

    [Fact]
    public void Sync_WalReplacedByRename_NextSyncTargetsTheNewFile()
    {
        var journal = Path.Combine(_dir, "journal.db");
        var walPath = journal + "-wal";
        File.WriteAllText(walPath, "old frames");
        using var wal = new WalSync(journal);
        wal.Sync();
        File.WriteAllText(walPath + ".new", "new frames");

        File.Move(walPath + ".new", walPath, overwrite: true); // the old file loses its last name; the path stays valid

        wal.Sync();
        Assert.Equal(1, wal.Reopens);
        Assert.Equal(walPath, wal.Target);
    }

    [Fact]
    public void Sync_SteadyState_AllocatesNothingPerSync()
    {
        var journal = Path.Combine(_dir, "journal.db");
        File.WriteAllText(journal + "-wal", "frames");
        using var wal = new WalSync(journal);
        wal.Sync(); // opens the descriptor

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            wal.Sync();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(0, wal.Reopens);
    }
}
