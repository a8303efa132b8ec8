using System.Diagnostics;

namespace Reintegratie.Edge.Journal.Tests.Writing;

/// <summary>A real tmpfs of a few hundred KiB mounted in a temp directory (needs root), and a filler that takes every free byte.</summary>
internal sealed class SmallFilesystem : IDisposable
{
    private SmallFilesystem(string directory) => Directory = directory;

    public string Directory { get; }

    public string Filler => Path.Combine(Directory, "filler");

    /// <summary>Mounts a tmpfs of <paramref name="kib"/> KiB; null (with the reason) when mounting is not possible here.</summary>
    public static SmallFilesystem? TryMount(int kib, out string? reason)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("journal-full-").FullName;
        var (code, err) = Run("mount", "-t", "tmpfs", "-o", $"size={kib}k", "tmpfs", dir);
        if (code != 0)
        {
            System.IO.Directory.Delete(dir);
            reason = $"mount -t tmpfs failed ({code}): {err}";
            return null;
        }

        reason = null;
        return new SmallFilesystem(dir);
    }

    /// <summary>Writes zeros until the filesystem says ENOSPC; returns the bytes written.</summary>
    public long Fill()
    {
        long written = 0;
        using var file = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, 1);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                file.Write(block);
                written += block.Length;
            }
        }
        catch (IOException)
        {
            return written; // the disk is full, as wanted
        }
    }

    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        Run("umount", "-l", Directory);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Code, string Error) Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, err.Trim());
    }
}
