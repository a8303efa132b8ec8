using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// Builds the gateway's configuration. Sources, later wins: appsettings.json beside the binary,
/// /etc/reintegratie-edge/*.json (sorted), each <c>--config</c> file, the simulated scenario's overlay,
/// environment variables (<c>Mqtt__Host</c>), then <c>--Section:Key=value</c> arguments.
/// </summary>
public static class GatewayConfiguration
{
    /// <summary>The system configuration directory (systemd ConfigurationDirectory=reintegratie-edge).</summary>
    public const string SystemDirectory = "/etc/reintegratie-edge";

    /// <summary>Builds the configuration; a missing <c>--config</c> file is a configuration error naming it.</summary>
    public static IConfigurationRoot Build(GatewayCommandLine commandLine, JsonObject? scenarioOverlay, string? systemDirectory = SystemDirectory)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        if (systemDirectory is not null && Directory.Exists(systemDirectory))
        {
            foreach (var file in Directory.GetFiles(systemDirectory, "*.json").Order(StringComparer.Ordinal))
            {
                builder.AddJsonFile(file, optional: false, reloadOnChange: false);
            }
        }

        foreach (var file in commandLine.ConfigFiles)
        {
            if (!File.Exists(file))
            {
                throw new ConfigurationException("--config", $"file '{file}' does not exist");
            }

            builder.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }

        if (scenarioOverlay is not null)
        {
            builder.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(scenarioOverlay.ToJsonString())));
        }

        builder.AddEnvironmentVariables();
        builder.AddCommandLine([.. commandLine.ConfigurationArgs]);
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException ex)
        {
            throw new ConfigurationException("--config", $"a configuration file is not valid JSON: {ex.Message}");
        }
        catch (FormatException ex)
        {
            throw new ConfigurationException("--config", $"a configuration file is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Binder options for <see cref="Bind"/>: unknown keys are <see cref="EdgeConfigurationSchema"/>'s to report.</summary>
    public static readonly Action<BinderOptions> Lenient = static o => o.ErrorOnUnknownConfiguration = false;

    /// <summary>
    /// Binds a section with <paramref name="get"/>, turning binder failures into a <see cref="ConfigurationException"/> that
    /// names the key. <paramref name="get"/> calls <c>Get&lt;T&gt;</c> with a concrete type, so that the configuration
    /// binding source generator replaces the call (a generic call here would bind by reflection).
    /// </summary>
    public static T Bind<T>(IConfiguration configuration, string section, Func<IConfigurationSection, T?> get)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(get);
        try
        {
            return get(configuration.GetSection(section)) ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the offending path in its message, e.g. "Failed to convert configuration value at 'Site:Sensors:0:Family'".
            var key = ExtractKey(ex.Message) ?? section;
            throw new ConfigurationException(key, ex.InnerException?.Message ?? ex.Message);
        }
    }

    private static string? ExtractKey(string message)
    {
        var start = message.IndexOf("at '", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += 4;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }
}
