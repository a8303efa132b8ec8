namespace Reintegratie.Edge.Journal.Storage;

/// <summary>The hashed columns of a row except the payload, in canonical order.</summary>
internal readonly record struct RowFields(
    long Seq,
    string At,
    string Type,
    string? Kind,
    string? Zone,
    string? Sensor,
    long? EventId,
    string? AlertId,
    int? Revision,
    string? Severity);
