namespace Reintegratie.Edge.Mqtt.Payloads;

/// <summary>Retained <c>…/journal/head</c>: the newest journal row, so a consumer can check a later export against it.</summary>
/// <param name="Seq">Sequence number of the newest journal row.</param>
/// <param name="Hash">Its chain hash (hex).</param>
/// <param name="At">When this head was published.</param>
public sealed record JournalHeadPayload(long Seq, string Hash, DateTimeOffset At);
