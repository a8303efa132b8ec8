namespace Reintegratie.Edge.Mqtt.Configuration;

/// <summary>Signed commands: <c>Mqtt:Commands:*</c> (docs/MQTT.md, "Signed commands").</summary>
public sealed class CommandsOptions
{
    /// <summary>The keys that may sign commands, by key id (<c>Mqtt:Commands:Keys:{keyId}</c>). None = every command is refused.</summary>
    public Dictionary<string, CommandKeyOptions> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Largest difference between a command's <c>issued_at</c> and the gateway clock (<c>Mqtt:Commands:MaxSkewSeconds</c>).</summary>
    public int MaxSkewSeconds { get; set; } = 120;

    /// <summary>Refused commands journaled per minute at most; the rest are counted into the next one journaled.</summary>
    public int RefusalsJournaledPerMinute { get; set; } = 30;
}
