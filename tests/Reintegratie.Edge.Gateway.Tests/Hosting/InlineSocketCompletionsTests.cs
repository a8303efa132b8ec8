using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Gateway.Hosting;

namespace Reintegratie.Edge.Gateway.Tests.Hosting;

/// <summary>
/// The probe in a process whose socket engine started without the switch (the test host talks to its runner over a
/// socket before any test runs): completions run on the thread pool, and the probe says so. The gateway process with
/// the switch applied before its first socket is checked in the integration tests (SocketEngineIsolationTests). No test
/// of this project sets the variable, so whichever test starts the engine first, it starts without it.
/// </summary>
public sealed class InlineSocketCompletionsTests
{
    [Fact]
    public async Task CheckAsync_EngineStartedWithoutTheSwitch_FindsCompletionsOnThePool()
    {
        var inline = await InlineSocketCompletions.CheckAsync(wanted: false, NullLogger.Instance);

        Assert.False(inline);
    }
}
