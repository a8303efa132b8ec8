namespace Reintegratie.Edge.Journal.Storage;

/// <summary>One journal row as stored (the read model of <c>edgectl log</c> and the verifier).</summary>
public sealed record JournalRow
{
    /// <summary>Sequence number (gapless as written; gaps only where a checkpoint records a purge).</summary>
    public required long Seq { get; init; }

    /// <summary>ISO-8601 UTC time with microseconds (event time).</summary>
    public required string At { get; init; }

    /// <summary>event, alert, command, note or checkpoint (see <see cref="JournalRowTypes"/>).</summary>
    public required string Type { get; init; }

    /// <summary>Event kind code, alert kind code, note kind or checkpoint reason.</summary>
    public string? Kind { get; init; }

    /// <summary>Zone id.</summary>
    public string? Zone { get; init; }

    /// <summary>Sensor id.</summary>
    public string? Sensor { get; init; }

    /// <summary>Event id (for alert and note rows: the event that caused them).</summary>
    public long? EventId { get; init; }

    /// <summary>Alert id.</summary>
    public string? AlertId { get; init; }

    /// <summary>Alert revision.</summary>
    public int? Revision { get; init; }

    /// <summary>Alert severity code.</summary>
    public string? Severity { get; init; }

    /// <summary>Canonical JSON payload; null when retention purged it (the header and <see cref="PayloadDigest"/> stay).</summary>
    public required string? Payload { get; init; }

    /// <summary>SHA-256 of the payload as written (the chain hashes this digest, not the payload).</summary>
    public required byte[] PayloadDigest { get; init; }

    /// <summary>True when retention dropped the payload.</summary>
    public bool Purged => Payload is null;

    /// <summary>Hash of the previous row (32 bytes).</summary>
    public required byte[] PrevHash { get; init; }

    /// <summary>SHA-256(prev_hash || header || SHA-256(payload)).</summary>
    public required byte[] Hash { get; init; }

    /// <summary>The row's fields in canonical form, for hashing.</summary>
    internal RowFields Fields => new(Seq, At, Type, Kind, Zone, Sensor, EventId, AlertId, Revision, Severity);
}
