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

    /// <summary>
    /// The NativeAOT linux-x64 gateway: <c>EDGE_AOT_GATEWAY</c>, else what <c>make publish PUBLISH_RIDS=linux-x64</c>
    /// left in artifacts/publish/linux-x64 (tests/run-tests.sh publishes it before the tests run).
    /// </summary>
    public static string AotGateway => AotExecutable("EDGE_AOT_GATEWAY", "reintegratie-edge");

    /// <summary>The NativeAOT linux-x64 edgectl beside <see cref="AotGateway"/> (or <c>EDGE_AOT_EDGECTL</c>).</summary>
    public static string AotEdgectl => AotExecutable("EDGE_AOT_EDGECTL", "edgectl");

    private static string AotExecutable(string variable, string name)
    {
        var path = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } set
            ? set
            : Path.Combine(Root, "artifacts", "publish", "linux-x64", name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no NativeAOT {name} at {path}: run `make publish PUBLISH_RIDS=linux-x64` first (or set {variable})", path);
        }

        // A NativeAOT executable stands alone; a JIT apphost has its managed assembly beside it.
        if (File.Exists(Path.ChangeExtension(path, ".dll")))
        {
            throw new InvalidOperationException($"{path} has {Path.GetFileName(path)}.dll beside it: a JIT build, not NativeAOT (PUBLISH_MODE=r2r?)");
        }

        return path;
    }

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
