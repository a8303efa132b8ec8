using Reintegratie.Edge.Cli.Commands.Doctor;

namespace Reintegratie.Edge.Cli.Tests.Doctor;

public sealed class ShippedConfigurationTests
{
    internal static string DeployConfig(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy", "config", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"deploy/config/{name} not found above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void Load_ShippedDefault_BuildsSiteWithEveryFamily()
    {
        var (configuration, site, result) = LoadedConfiguration.Load([DeployConfig("appsettings.json")]);

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.NotNull(configuration);
        Assert.Equal(6, site!.Sensors.Select(s => s.Family).Distinct().Count());
        Assert.True(site.InGeofence(50.9962, 5.8680));
        Assert.True(site.AreAdjacent(site.ZoneIndexOf("Z1"), site.ZoneIndexOf("Y1")));
    }

    [Fact]
    public void Load_ShippedDefaultWithDevelopmentOverlay_Builds()
    {
        var (configuration, _, result) = LoadedConfiguration.Load([DeployConfig("appsettings.json"), DeployConfig("appsettings.Development.json")]);

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal("true", configuration!["Mqtt:Embedded"], ignoreCase: true);
        Assert.Equal(string.Empty, configuration["Mqtt:Host"]);
        Assert.Equal("pi-sittard", configuration["Mqtt:Site"]);
    }
}
