using Microsoft.Extensions.Configuration;

namespace Reintegratie.Edge.Mqtt.Configuration;

/// <summary>Reads the <c>Mqtt</c> section into <see cref="MqttOptions"/> and validates it.</summary>
public static class MqttOptionsBinding
{
    /// <summary>Binds and validates the <c>Mqtt</c> section (also for <c>--check-config</c>).</summary>
    public static MqttOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new MqttOptions();
        try
        {
            configuration.GetSection(MqttOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // The gateway checks every key's type first (ConfigurationKeyChecker); this covers other callers.
            throw new Core.Site.ConfigurationException(MqttOptions.Section, (e.InnerException ?? e).Message);
        }

        if (string.IsNullOrWhiteSpace(options.Site))
        {
            options.Site = configuration["Site:Name"] ?? string.Empty;
        }

        MqttOptionsValidator.Validate(options);
        return options;
    }
}
