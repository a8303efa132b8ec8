namespace Reintegratie.Edge.Mqtt.Sources;

/// <summary>The nonces of commands journaled recently (implemented by the journal), reloaded at start against replays.</summary>
public interface ICommandHistorySource
{
    /// <summary>Key id, nonce and issue time of every journaled command received at or after <paramref name="since"/>.</summary>
    IReadOnlyList<(string KeyId, string Nonce, DateTimeOffset IssuedAt)> UsedNonces(DateTimeOffset since);
}
