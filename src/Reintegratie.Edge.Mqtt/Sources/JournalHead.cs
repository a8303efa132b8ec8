namespace Reintegratie.Edge.Mqtt.Sources;

/// <summary>The newest journal row.</summary>
/// <param name="Seq">Its sequence number.</param>
/// <param name="Hash">Its chain hash (lower-case hex).</param>
public readonly record struct JournalHead(long Seq, string Hash);
