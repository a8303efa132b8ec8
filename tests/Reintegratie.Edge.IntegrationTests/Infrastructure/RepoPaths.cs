namespace Reintegratie.Edge.IntegrationTests.Infrastructure;

/// <summary>Paths of the repository and the built executables the integration tests run.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (the directory holding Reintegratie.Edge.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug, as this test assembly was built.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    /// <summary>The gateway executable.</summary>
    public static string Gateway => Path.Combine(Root, "src", "Reintegratie.Edge.Gateway", "bin", Configuration, "net10.0", "reintegratie-edge");

    /// <summary>The edgectl executable.</summary>
    public static string Edgectl => Path.Combine(Root, "src", "Reintegratie.Edge.Cli", "bin", Configuration, "net10.0", "edgectl");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reintegratie.Edge.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Reintegratie.Edge.sln not found above " + AppContext.BaseDirectory);
    }
}
