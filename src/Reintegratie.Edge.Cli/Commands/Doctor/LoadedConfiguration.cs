using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>Loads the gateway's configuration files the way the gateway does (later files override earlier ones).</summary>
public static class LoadedConfiguration
{
    /// <summary>Loads and builds the site model; the result says what went wrong in plain words.</summary>
    public static (IConfiguration? Configuration, SiteModel? Site, CheckResult Result) Load(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var f in files)
        {
            if (!File.Exists(f))
            {
                return (null, null, CheckResult.Fail("config", $"Configuration file {f} is missing",
                    "install the gateway (install.sh) or copy the provisioned appsettings.json there, or pass --config FILE"));
            }
        }

        IConfiguration configuration;
        try
        {
            var builder = new ConfigurationBuilder();
            foreach (var f in files)
            {
                builder.AddJsonFile(Path.GetFullPath(f), optional: false, reloadOnChange: false);
            }

            configuration = builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException or IOException)
        {
            return (null, null, CheckResult.Fail("config", $"Configuration cannot be read: {(e.InnerException ?? e).Message}",
                "correct the JSON syntax at the reported line (a missing comma or quote is the usual cause)"));
        }

        try
        {
            Gateway.Hosting.EdgeConfigurationSchema.Check(configuration);
            var options = configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
            var site = SiteModel.Build(options);
            return (configuration, site, CheckResult.Pass("config",
                $"Configuration loads; site '{site.Name}' has {site.Zones.Count} zones and {site.Sensors.Count} sensors"));
        }
        catch (ConfigurationException e)
        {
            return (configuration, null, CheckResult.Fail("config", $"Configuration key {e.Key} is wrong: {e.Message[(e.Key.Length + 2)..]}",
                $"correct {e.Key} in the configuration file"));
        }
        catch (InvalidOperationException e)
        {
            return (configuration, null, CheckResult.Fail("config", $"Configuration value cannot be used: {e.Message}",
                "correct the value named above (numbers without quotes, Family one of RemoteId, Sapient, RfDetector, Perimeter, Gsm, Bodycam)"));
        }
    }
}
