namespace Reintegratie.Edge.Sensors.Bodycam;

/// <summary>
/// The drop folder's side folders: <c>processed/</c> (whose <c>{recording_id}.json</c> names are the idempotency index,
/// so it survives restarts without a database), <c>processed/duplicates/</c>, and <c>quarantine/</c> with a
/// <c>.reason</c> file beside every invalid sidecar.
/// </summary>
public sealed class BodycamFolders
{
    private readonly HashSet<string> _processed = new(StringComparer.Ordinal);

    /// <summary>Creates the folder set (nothing touched until <see cref="Open"/>).</summary>
    public BodycamFolders(string processed, string quarantine)
    {
        Processed = processed;
        Quarantine = quarantine;
        Duplicates = Path.Combine(processed, "duplicates");
    }

    /// <summary>Processed sidecars.</summary>
    public string Processed { get; }

    /// <summary>Sidecars whose recording id was already processed.</summary>
    public string Duplicates { get; }

    /// <summary>Invalid sidecars and their reasons.</summary>
    public string Quarantine { get; }

    /// <summary>Creates the side folders when missing and (re)loads the index from <see cref="Processed"/>.</summary>
    public void Open()
    {
        foreach (var folder in new[] { Processed, Duplicates, Quarantine })
        {
            if (!OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            if (Problem(folder) is { } problem)
            {
                throw new UnsafeFolderException(problem);
            }
        }

        _processed.Clear();
        foreach (var file in Directory.EnumerateFiles(Processed, "*.json"))
        {
            _processed.Add(Path.GetFileNameWithoutExtension(file));
        }
    }

    /// <summary>Recording ids processed so far.</summary>
    public int ProcessedCount => _processed.Count;

    /// <summary>True when the recording was processed before (now or in an earlier run).</summary>
    public bool IsProcessed(string recordingId) => _processed.Contains(recordingId);

    /// <summary>Moves a published sidecar to <c>processed/{recording_id}.json</c> and records the id.</summary>
    public void MarkProcessed(string path, string recordingId)
    {
        _processed.Add(recordingId); // first: even if the move fails, the recording is not published twice in this run
        File.Move(path, Unique(Path.Combine(Processed, recordingId + ".json")));
    }

    /// <summary>Moves a sidecar whose recording was already processed to <c>processed/duplicates/</c>.</summary>
    public void MarkDuplicate(string path) => File.Move(path, Unique(Path.Combine(Duplicates, Path.GetFileName(path))));

    /// <summary>Moves an invalid sidecar to quarantine and writes <c>{name}.reason</c> beside it (plain words, no personal data).</summary>
    public string MoveToQuarantine(string path, string reason, DateTimeOffset at)
    {
        var name = Path.GetFileName(path);
        var stem = Path.GetFileNameWithoutExtension(name);
        var ext = Path.GetExtension(name);
        for (var i = 0; ; i++)
        {
            var target = Path.Combine(Quarantine, i == 0 ? name : $"{stem}.{i}{ext}");
            if (Exists(target) || !SidecarFile.TryCreateExclusive(target + ".reason", $"{reason}\nquarantined at {at:O} from {name}\n"))
            {
                continue; // a name already taken (or planted): never written through, the next one is used
            }

            File.Move(path, target);
            return target;
        }
    }

    /// <summary>
    /// What is wrong with a side folder, or null: it must be a real directory (not a symlink), owned by the user the
    /// gateway runs as, with no group or other permission (0700).
    /// </summary>
    public static string? Problem(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        if (!FileNative.TryLStat(folder, out var mode, out var uid, out _))
        {
            return $"{folder} cannot be examined";
        }

        if ((mode & FileNative.SIfMt) != FileNative.SIfDir)
        {
            return $"{folder} is not a directory (a symlink or file stands in its place)";
        }

        if (uid != FileNative.GetEUid())
        {
            return $"{folder} is owned by uid {uid}, not by the service user (uid {FileNative.GetEUid()})";
        }

        return (mode & 0x3F) != 0 ? $"{folder} has mode 0{Convert.ToString(mode & 0x1FF, 8)}; it must be 0700" : null;
    }

    private static bool Exists(string path) => OperatingSystem.IsWindows() ? File.Exists(path) : FileNative.TryLStat(path, out _, out _, out _);

    private static string Unique(string path)
    {
        if (!Exists(path))
        {
            return path;
        }

        var dir = Path.GetDirectoryName(path)!;
        var stem = Path.GetFileNameWithoutExtension(path);
        var ext = Path.GetExtension(path);
        for (var i = 1; ; i++)
        {
            var candidate = Path.Combine(dir, $"{stem}.{i}{ext}");
            if (!Exists(candidate))
            {
                return candidate;
            }
        }
    }
}
