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
        Directory.CreateDirectory(Processed);
        Directory.CreateDirectory(Duplicates);
        Directory.CreateDirectory(Quarantine);
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
        var target = Unique(Path.Combine(Quarantine, Path.GetFileName(path)));
        File.Move(path, target);
        File.WriteAllText(target + ".reason", $"{reason}\nquarantined at {at:O} from {Path.GetFileName(path)}\n");
        return target;
    }

    private static string Unique(string path)
    {
        if (!File.Exists(path))
        {
            return path;
        }

        var dir = Path.GetDirectoryName(path)!;
        var stem = Path.GetFileNameWithoutExtension(path);
        var ext = Path.GetExtension(path);
        for (var i = 1; ; i++)
        {
            var candidate = Path.Combine(dir, $"{stem}.{i}{ext}");
            if (!File.Exists(candidate))
            {
                return candidate;
            }
        }
    }
}
