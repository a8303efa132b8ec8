using Reintegratie.Edge.Cli.Commands;

namespace Reintegratie.Edge.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public void Commands_EveryCommandClassOfTheAssembly_IsListed()
    {
        // CliApp lists its commands by hand (NativeAOT has no list of types to scan); a new command missing from that list
        // would be "unknown command" in every build.
        var classes = typeof(CliApp).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliCommand).IsAssignableFrom(t))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal);
        var listed = CliApp.Commands.Select(c => c.GetType().FullName).Order(StringComparer.Ordinal);

        Assert.Equal(classes, listed);
        Assert.Equal(CliApp.Commands.Count, CliApp.Commands.Select(c => string.Join(' ', c.Path)).Distinct().Count());
    }
}
