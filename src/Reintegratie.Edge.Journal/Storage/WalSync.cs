using Microsoft.Win32.SafeHandles;

namespace Reintegratie.Edge.Journal.Storage;

/// <summary>
/// The sync step of the group commit: one <c>fsync(2)</c> of the journal's write-ahead log (<c>{journal}-wal</c>) makes
/// every transaction committed so far durable, however many there were.
/// </summary>
/// <remarks>
/// <para>Why this is enough: with <c>journal_mode=WAL</c> and <c>synchronous=NORMAL</c> a commit only appends frames to
/// the WAL, with no sync; "the checkpoint is the only operation to issue an I/O barrier or sync operation"
/// (sqlite.org/wal.html, Performance Considerations), and a checkpoint syncs the WAL before it copies frames and the
/// database file after (sqlite.org/pragma.html#pragma_synchronous). Such commits survive a crash of the process, not a
/// power cut. SQLite's developers give the cheap way to make them durable: flush the WAL file, which "will cause
/// previously-committed transactions to become durable with less overhead" than a checkpoint
/// (sqlite.org/forum/forumpost/d1a6bc7c4cd2baca). They flush SQLite's own file handle; on Linux <c>fsync</c> acts on
/// the file, not on the descriptor, so our own descriptor of the same file syncs the same pages.</para>
/// <para>Frames a checkpoint already copied are safe too: the database file is synced at the end of every checkpoint,
/// and the WAL is only rewritten from its start after a complete one.</para>
/// <para>One descriptor is kept (a new descriptor would not report a write-back error seen before it was opened), and
/// it is checked before each sync with one <c>fstat(2)</c> (<see cref="FileLinks"/>): while the writer's connection is
/// open SQLite never deletes the WAL (a checkpoint resets it by writing again from its start, in the same file; only
/// the last connection's close deletes it), but if the file was ever deleted or replaced by a rename, the kept
/// descriptor holds a file no path reaches and its link count is 0; then the WAL is opened again. No path is read and
/// nothing is allocated per sync (the check before 2026-12-06 read <c>/proc/self/fd/N</c> with <c>readlink(2)</c> and
/// built two strings per sync). Where the link count cannot be read, the WAL is opened for every sync.</para>
/// </remarks>
internal class WalSync : IDisposable
{
    private readonly string _walPath;
    private SafeFileHandle? _handle;

    public WalSync(string journalPath) => _walPath = journalPath + "-wal";

    /// <summary>Times the descriptor was found to name a deleted file and the WAL was opened again.</summary>
    public long Reopens { get; private set; }

    /// <summary>The file the kept descriptor names (<c>/proc/self/fd/N</c>), or null with none open or no <c>/proc</c> (tests).</summary>
    internal string? Target => _handle is null ? null : TargetOf(_handle);

    /// <summary>Makes everything written to the WAL so far durable. No WAL yet: nothing was committed, nothing to do.</summary>
    /// <exception cref="IOException">The sync failed (the device reported an error).</exception>
    public virtual void Sync()
    {
        if (_handle is not null && !StillTheWal(_handle))
        {
            _handle.Dispose();
            _handle = null;
            Reopens++;
        }

        if (_handle is null)
        {
            if (!File.Exists(_walPath))
            {
                return;
            }

            // Read-write: FlushToDisk needs a handle that may write. Share everything: SQLite keeps its own handles.
            _handle = File.OpenHandle(_walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }

        RandomAccess.FlushToDisk(_handle);
    }

    private static string? TargetOf(SafeFileHandle handle) =>
        new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget;

    /// <summary>False when the descriptor's file has no name left (deleted, or replaced by a rename), or when that cannot be told.</summary>
    private static bool StillTheWal(SafeFileHandle handle) => FileLinks.Count(handle) > 0;

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the WAL handle.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _handle?.Dispose();
        }
    }
}
