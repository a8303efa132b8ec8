namespace Reintegratie.Edge.Mqtt.Sources;

/// <summary>The nonces of commands journaled recently (implemented by the journal), reloaded at start against replays.</summary>
public interface ICommandHistorySource
{
    /// <summary>Key id, nonce and issue time of every journaled command received at or after <paramref name="since"/>.</summary>
    IReadOnlyList<(string KeyId, string Nonce, DateTimeOffset IssuedAt)> UsedNonces(DateTimeOffset since);

    /// <summary>
    /// The accepted commands journaled at or after <paramref name="since"/> with their answers, so a command the broker
    /// redelivers after a crash between the journal commit and the PUBACK is answered "already applied", not refused.
    /// </summary>
    IReadOnlyList<AppliedCommand> AppliedCommands(DateTimeOffset since) => [];
}
