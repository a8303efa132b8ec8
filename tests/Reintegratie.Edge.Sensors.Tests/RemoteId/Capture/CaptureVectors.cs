using System.Text.Json;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Capture;

/// <summary>The scapy-made captures in tests/vectors/captures and their expected.jsonl.</summary>
internal static class CaptureVectors
{
    public static string Directory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reintegratie.Edge.sln")))
            {
                dir = dir.Parent;
            }

            Assert.NotNull(dir);
            return Path.Combine(dir.FullName, "tests", "vectors", "captures");
        }
    }

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static IReadOnlyList<JsonElement> Expected()
    {
        var lines = File.ReadAllLines(PathOf("expected.jsonl"))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToArray();
        Assert.True(lines.Length >= 12, "expected the generated captures' expectations");
        return lines;
    }

    public static IEnumerable<object[]> Files() =>
        Expected().Select(e => e.GetProperty("file").GetString()!).Distinct().Select(f => new object[] { f });
}
