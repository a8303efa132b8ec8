using System.Text.Json;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

/// <summary>The Open Drone ID vectors vendored in tests/conformance/opendroneid (found from the solution directory upwards).</summary>
internal static class ConformanceVectors
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
            var path = Path.GetFullPath(Path.Combine(dir.FullName, "tests", "conformance", "opendroneid"));
            Assert.True(System.IO.Directory.Exists(path), $"conformance directory not found at {path}");
            return path;
        }
    }

    /// <summary>How many vectors the vendored set holds; a missing line fails every test that loads them.</summary>
    public const int Count = 15;

    public static IReadOnlyList<JsonElement> Load()
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, "encoder-vectors.jsonl"))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToArray();
        Assert.Equal(Count, lines.Length);
        return lines;
    }

    public static IEnumerable<object[]> Ids() => Load().Select(v => new object[] { v.GetProperty("id").GetString()! });

    public static JsonElement Get(string id) => Load().Single(v => v.GetProperty("id").GetString() == id);

    public static byte[] Bytes(JsonElement vector) => Convert.FromHexString(vector.GetProperty("hex").GetString()!);
}
