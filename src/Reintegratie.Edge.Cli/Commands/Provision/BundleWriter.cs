namespace Reintegratie.Edge.Cli.Commands.Provision;

/// <summary>Writes bundle files with their final mode from the first byte (a private key is never briefly world-readable).</summary>
public static class BundleWriter
{
    /// <summary>Mode of private keys the service reads once installed: owner read/write (0600).</summary>
    public const UnixFileMode PrivateKey = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Mode of the privacy key: owner read only (0400).</summary>
    public const UnixFileMode ReadOnlySecret = UnixFileMode.UserRead;

    /// <summary>Mode of ordinary files (0644).</summary>
    public const UnixFileMode Public = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Mode of scripts (0755).</summary>
    public const UnixFileMode Script = Public | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> (it must not exist) with <paramref name="mode"/> and writes the bytes.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Copies a directory tree (files keep their Unix modes).</summary>
    public static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, target, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }
    }
}
