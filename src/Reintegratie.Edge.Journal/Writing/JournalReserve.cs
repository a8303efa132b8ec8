namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// A ballast file of zeros next to the journal (<c>{journal}.reserve</c>). Deleting it on a full disk frees exactly
/// enough room for the fault alert and the held batch; space has returned when the filesystem has room for the reserve
/// and as much again, and creating it again succeeds. Written (not sparse, not fallocate'd) so it really occupies
/// blocks on every filesystem, tmpfs included.
/// </summary>
internal sealed class JournalReserve
{
    private const int Chunk = 64 * 1024;
    private readonly string _path;
    private readonly long _bytes;

    public JournalReserve(string journalPath, long bytes)
    {
        _path = journalPath + ".reserve";
        _bytes = bytes;
    }

    /// <summary>True when a reserve is configured (more than 0 bytes).</summary>
    public bool Enabled => _bytes > 0;

    /// <summary>True while the ballast file is in place at its full size.</summary>
    public bool Held { get; private set; }

    /// <summary>Creates the ballast file unless it is already in place; false (and no partial file) when the disk is short.</summary>
    public bool TryCreate()
    {
        if (!Enabled || Held)
        {
            return Held;
        }

        try
        {
            var existing = new FileInfo(_path);
            if (existing.Exists && existing.Length == _bytes)
            {
                Held = true;
                return true;
            }

            using (var file = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                Span<byte> zeros = new byte[Chunk];
                for (var left = _bytes; left > 0; left -= Chunk)
                {
                    file.Write(zeros[..(int)Math.Min(Chunk, left)]);
                }

                file.Flush(flushToDisk: true);
            }

            Held = true;
            return true;
        }
        catch (IOException)
        {
            Delete(); // ENOSPC part-way: a partial ballast would only take space the journal needs
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            Delete();
            return false;
        }
    }

    /// <summary>
    /// True when the filesystem has room for the reserve and as much again for the journal: recovering onto a disk
    /// that the reserve alone fills would only fail again at the next commit (and flap the fault alert).
    /// </summary>
    public bool RoomToRecover()
    {
        if (!Enabled)
        {
            return true;
        }

        try
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path)) ?? ".";
            return new DriveInfo(directory).AvailableFreeSpace >= 2 * _bytes; // statvfs(3) of the journal's directory
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return true; // no figure: creating the reserve is the test then
        }
    }

    /// <summary>Deletes the ballast file, freeing its space for the journal.</summary>
    public void Release() => Delete();

    private void Delete()
    {
        Held = false;
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // Nothing more can be done; the next TryCreate starts over.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
