namespace Reintegratie.Edge.Core.Events;

/// <summary>
/// Metadata of one bodycam recording (one JSON sidecar in the drop folder). The wearer is a pseudonym;
/// the raw staff number never leaves the bodycam adapter.
/// </summary>
public sealed record BodycamRecording
{
    /// <summary>Recording id of the evidence system (idempotency key).</summary>
    public required string RecordingId { get; init; }

    /// <summary>Camera serial number.</summary>
    public required string DeviceSerial { get; init; }

    /// <summary>Keyed HMAC pseudonym of the wearer id (see <see cref="Pseudonym.ToString"/>).</summary>
    public required string WearerPseudonym { get; init; }

    /// <summary>Recording start (UTC).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Recording end (UTC).</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>SHA-256 of the video file, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Video size in bytes.</summary>
    public required long SizeBytes { get; init; }

    /// <summary>What started the recording (manual, pre-record, holster, ...).</summary>
    public required string Trigger { get; init; }

    /// <summary>Unit where it was recorded (e.g. living unit, workshop); mapped to a zone by the adapter.</summary>
    public required string Unit { get; init; }

    /// <summary>Optional latitude.</summary>
    public double? Latitude { get; init; }

    /// <summary>Optional longitude.</summary>
    public double? Longitude { get; init; }

    /// <summary>When the docking system uploaded it.</summary>
    public required DateTimeOffset UploadedAt { get; init; }

    /// <summary>The evidence/docking system that wrote the sidecar.</summary>
    public required string SourceSystem { get; init; }
}
