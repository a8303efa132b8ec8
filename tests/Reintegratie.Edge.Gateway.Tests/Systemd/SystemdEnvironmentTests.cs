using Reintegratie.Edge.Gateway.Systemd;

namespace Reintegratie.Edge.Gateway.Tests.Systemd;

public sealed class SystemdEnvironmentTests
{
    private static SystemdEnvironment With(params (string Name, string Value)[] vars) =>
        new(n => vars.FirstOrDefault(v => v.Name == n).Value, 4242);

    [Fact]
    public void WatchdogTimeout_UsecSet_IsThatManyMicroseconds()
    {
        var env = With(("WATCHDOG_USEC", "30000000"));

        Assert.Equal(TimeSpan.FromSeconds(30), env.WatchdogTimeout);
    }

    [Fact]
    public void WatchdogTimeout_PidOfAnotherProcess_IsNull()
    {
        var env = With(("WATCHDOG_USEC", "30000000"), ("WATCHDOG_PID", "1"));

        Assert.Null(env.WatchdogTimeout);
    }

    [Fact]
    public void WatchdogTimeout_PidOfThisProcess_IsSet()
    {
        var env = With(("WATCHDOG_USEC", "5000000"), ("WATCHDOG_PID", "4242"));

        Assert.Equal(TimeSpan.FromSeconds(5), env.WatchdogTimeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("abc")]
    public void WatchdogTimeout_NotAPositiveNumber_IsNull(string usec)
    {
        var env = With(("WATCHDOG_USEC", usec));

        Assert.Null(env.WatchdogTimeout);
    }

    [Fact]
    public void NotifySocket_Unset_IsNull()
    {
        Assert.Null(With().NotifySocket);
    }

    [Fact]
    public void NotifySocket_ReadOnEveryCall_SeesChanges()
    {
        string? value = null;
        var env = new SystemdEnvironment(n => n == "NOTIFY_SOCKET" ? value : null, 1);
        var before = env.NotifySocket;

        value = "/run/systemd/notify";

        Assert.Null(before);
        Assert.Equal("/run/systemd/notify", env.NotifySocket);
    }
}
