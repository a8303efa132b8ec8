using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Gateway.Logging;

/// <summary>
/// The gateway's one <see cref="ILoggerFactory"/>, built without a DI container: <see cref="StandardErrorLoggerProvider"/>
/// filtered by the <c>Logging</c> section as <c>AddConfiguration</c> reads it (<c>Logging:LogLevel:Default</c>,
/// <c>Logging:LogLevel:{category prefix}</c>, and per provider <c>Logging:Console:LogLevel:…</c>); Information when
/// nothing is configured.
/// </summary>
public static class GatewayLogging
{
    /// <summary>Builds the factory; an unknown level is a configuration error naming its key.</summary>
    /// <param name="configuration">The gateway's configuration (its <c>Logging</c> section), or null for the defaults.</param>
    /// <param name="systemdFormat">Lines for journald (priority prefix, no timestamp).</param>
    /// <param name="writer">Where lines go; <see cref="Console.Error"/> by default.</param>
    /// <param name="time">The clock of the timestamps; the system's by default.</param>
    public static ILoggerFactory Create(IConfiguration? configuration, bool systemdFormat, TextWriter? writer = null, TimeProvider? time = null)
    {
        var filter = new LoggerFilterOptions { MinLevel = LogLevel.Information };
        if (configuration?.GetSection("Logging") is { } logging)
        {
            AddRules(filter, logging.GetSection("LogLevel"), provider: null);
            foreach (var section in logging.GetChildren())
            {
                if (!section.Key.Equals("LogLevel", StringComparison.OrdinalIgnoreCase))
                {
                    AddRules(filter, section.GetSection("LogLevel"), section.Key);
                }
            }
        }

        return new LoggerFactory([new StandardErrorLoggerProvider(systemdFormat, time, writer)], filter);
    }

    private static void AddRules(LoggerFilterOptions filter, IConfigurationSection levels, string? provider)
    {
        foreach (var entry in levels.GetChildren())
        {
            if (entry.Value is not { } value)
            {
                continue;
            }

            if (!Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level) || !Enum.IsDefined(level))
            {
                throw new ConfigurationException(entry.Path, $"'{value}' is not a log level (Trace, Debug, Information, Warning, Error, Critical, None)");
            }

            var category = entry.Key.Equals("Default", StringComparison.OrdinalIgnoreCase) ? null : entry.Key;
            filter.Rules.Add(new LoggerFilterRule(provider, category, level, filter: null));
        }
    }
}
