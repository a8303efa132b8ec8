namespace Reintegratie.Edge.Sensors.Tests.Sapient;

/// <summary>Finds the SAPIENT conformance messages vendored in tests/conformance/sapient.</summary>
internal static class SapientConformance
{
    public static string Root { get; } = Locate();

    public static IEnumerable<string> Files(string kind) =>
        Directory.EnumerateFiles(Path.Combine(Root, kind), "*.json").OrderBy(f => f, StringComparer.Ordinal);

    private static string Locate()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reintegratie.Edge.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new DirectoryNotFoundException("no Reintegratie.Edge.sln above " + AppContext.BaseDirectory);
        }

        return Path.Combine(dir.FullName, "tests", "conformance", "sapient");
    }
}
