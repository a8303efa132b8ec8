using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Journal.Reading;
using Reintegratie.Edge.Mqtt.Commands;
using Reintegratie.Edge.Journal.Writing;
using Reintegratie.Edge.Mqtt.Sources;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>Command nonces and applied commands from the gateway's journal (read on a connection of its own).</summary>
public sealed class CommandHistorySource(JournalWriter journal) : ICommandHistorySource
{
    /// <inheritdoc />
    public IReadOnlyList<(string KeyId, string Nonce, DateTimeOffset IssuedAt)> UsedNonces(DateTimeOffset since) =>
        CommandNonces.Since(journal.Path, since);

    /// <inheritdoc />
    public IReadOnlyList<AppliedCommand> AppliedCommands(DateTimeOffset since) =>
        [.. CommandNonces.Applied(journal.Path, since).Select(ToApplied).OfType<AppliedCommand>()];

    private static AppliedCommand? ToApplied(JournaledCommand c)
    {
        if (!Enum.TryParse<CommandVerb>(c.Verb, ignoreCase: true, out var verb))
        {
            return null;
        }

        var fingerprint = CommandFingerprint.Of(verb, c.IssuedAt, c.AlertId, c.Operator, c.Note, c.Zone, c.Until, c.Reason);
        return new AppliedCommand(c.KeyId, c.Nonce, c.IssuedAt, fingerprint, Result(c));
    }

    /// <summary>Fusion's answer from its note: <c>{verb} {ok|refused} from {sender}: {message}</c>.</summary>
    private static CommandResult Result(JournaledCommand c)
    {
        if (c.ResultDetail is not { } detail)
        {
            return new CommandResult(true, "applied", c.ResultAlertId ?? c.AlertId);
        }

        var colon = detail.IndexOf(": ", StringComparison.Ordinal);
        var ok = detail.Contains(" ok from ", StringComparison.Ordinal);
        return new CommandResult(ok, colon >= 0 ? detail[(colon + 2)..] : detail, c.ResultAlertId);
    }
}
