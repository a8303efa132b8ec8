using Reintegratie.Edge.Gateway.Hosting;

namespace Reintegratie.Edge.Gateway.Tests.Hosting;

/// <summary>The gateway's one-arena setting reaches glibc's malloc (the test host is glibc Linux, as the Pi is).</summary>
public sealed class NativeHeapTests
{
    [Fact]
    public void UseOneArena_OnGlibcLinux_MalloptTakesIt()
    {
        Assert.True(OperatingSystem.IsLinux(), "the gateway ships for Linux; this test runs there");

        var taken = NativeHeap.UseOneArena();

        Assert.True(taken);
    }
}
