namespace Reintegratie.Edge.Sensors.Bodycam;

/// <summary>A bodycam drop folder's settings, bound from its <c>Site:Sensors:N</c> section.</summary>
public sealed class BodycamOptions
{
    /// <summary>The folder the docking/evidence system writes one JSON sidecar per recording into.</summary>
    public string DropFolder { get; set; } = string.Empty;

    /// <summary>Where invalid sidecars go, each with a <c>.reason</c> file (default: <c>DropFolder/quarantine</c>).</summary>
    public string QuarantineFolder { get; set; } = string.Empty;

    /// <summary>Where processed sidecars go, named <c>{recording_id}.json</c>; their names are the idempotency index (default: <c>DropFolder/processed</c>).</summary>
    public string ProcessedFolder { get; set; } = string.Empty;

    /// <summary>Full rescan period in seconds (the file system watcher can drop events).</summary>
    public double RescanSeconds { get; set; } = 10;

    /// <summary>A sidecar is read only after its size and modification time stayed unchanged this long.</summary>
    public double StableMs { get; set; } = 1000;

    /// <summary>A scan that has not completed for this many seconds is stalled: the sensor is reported faulty (<c>scan_stalled</c>).</summary>
    public double StallSeconds { get; set; } = 60;

    /// <summary>Largest sidecar accepted, in bytes.</summary>
    public int MaxSidecarBytes { get; set; } = 64 * 1024;

    /// <summary>Unit name (sidecar <c>unit</c>) to zone id.</summary>
    public Dictionary<string, string> Units { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The quarantine folder with its default applied.</summary>
    public string ResolvedQuarantineFolder => string.IsNullOrWhiteSpace(QuarantineFolder) ? Path.Combine(DropFolder, "quarantine") : QuarantineFolder;

    /// <summary>The processed folder with its default applied.</summary>
    public string ResolvedProcessedFolder => string.IsNullOrWhiteSpace(ProcessedFolder) ? Path.Combine(DropFolder, "processed") : ProcessedFolder;
}
