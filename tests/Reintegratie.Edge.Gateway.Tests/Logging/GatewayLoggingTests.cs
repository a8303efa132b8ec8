using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Gateway.Logging;

namespace Reintegratie.Edge.Gateway.Tests.Logging;

public sealed class GatewayLoggingTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 6, 15, 4, 5, 678, TimeSpan.Zero);

    private static (ILoggerFactory Factory, StringWriter Lines) Create(bool systemd, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var lines = new StringWriter();
        return (GatewayLogging.Create(configuration, systemd, lines, new FakeTimeProvider(s_now)), lines);
    }

    [Fact]
    public void Log_SimpleFormat_OneLineWithUtcTimestampLevelCategoryAndEventId()
    {
        var (factory, lines) = Create(systemd: false);

        factory.CreateLogger("Gateway").LogWarning(new EventId(7), "first line\nsecond line");

        Assert.Equal("15:04:05.678 warn: Gateway[7] first line second line\n", lines.ToString());
    }

    [Fact]
    public void Log_SystemdFormat_PriorityPrefixNoTimestampExceptionOnTheSameLine()
    {
        var (factory, lines) = Create(systemd: true);

        factory.CreateLogger("Journal").LogError(new EventId(3), new InvalidOperationException("disk\ngone"), "write failed");

        Assert.Equal("<3>Journal[3] write failed System.InvalidOperationException: disk gone\n", lines.ToString());
    }

    [Fact]
    public void Log_NothingConfigured_InformationAndAboveOnly()
    {
        var (factory, lines) = Create(systemd: true);
        var logger = factory.CreateLogger("Gateway");

        logger.LogDebug("hidden");
        logger.LogInformation("shown");

        Assert.Equal("<6>Gateway[0] shown\n", lines.ToString());
    }

    [Fact]
    public void Log_CategoryPrefixAndConsoleRules_MostSpecificWins()
    {
        var (factory, lines) = Create(systemd: true,
            ("Logging:LogLevel:Default", "Warning"),
            ("Logging:LogLevel:Reintegratie.Edge.Mqtt", "Debug"),
            ("Logging:Console:LogLevel:Reintegratie.Edge.Mqtt.Client", "Error"));

        factory.CreateLogger("Gateway").LogInformation("default: hidden");
        factory.CreateLogger("Reintegratie.Edge.Mqtt.Broker").LogDebug("prefix: shown");
        factory.CreateLogger("Reintegratie.Edge.Mqtt.Client.MqttSession").LogWarning("console rule: hidden");

        Assert.Equal("<7>Reintegratie.Edge.Mqtt.Broker[0] prefix: shown\n", lines.ToString());
    }

    [Fact]
    public void Create_UnknownLevel_ConfigurationErrorNamingTheKey()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Create(systemd: false, ("Logging:LogLevel:Default", "Loud")));

        Assert.Equal("Logging:LogLevel:Default", ex.Key);
    }
}
