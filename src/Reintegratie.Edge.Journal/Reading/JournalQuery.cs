namespace Reintegratie.Edge.Journal.Reading;

/// <summary>Filters for <see cref="JournalReader.Query"/>; null means "any".</summary>
public sealed record JournalQuery
{
    /// <summary>Rows at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Rows before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Kind column (event kind code, alert kind code, note kind).</summary>
    public string? Kind { get; init; }

    /// <summary>Row type (event, alert, command, note, checkpoint).</summary>
    public string? Type { get; init; }

    /// <summary>Zone id.</summary>
    public string? Zone { get; init; }

    /// <summary>Sensor id.</summary>
    public string? Sensor { get; init; }

    /// <summary>Alert id.</summary>
    public string? AlertId { get; init; }

    /// <summary>Rows with seq greater than this.</summary>
    public long AfterSeq { get; init; }

    /// <summary>At most this many rows (0 = all).</summary>
    public int Limit { get; init; }
}
