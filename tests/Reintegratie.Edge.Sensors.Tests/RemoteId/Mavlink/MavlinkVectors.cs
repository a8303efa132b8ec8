using System.Text.Json;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Mavlink;

/// <summary>The node-mavlink vectors in tests/vectors/mavlink (found from the solution directory upwards).</summary>
internal static class MavlinkVectors
{
    public static IReadOnlyList<JsonElement> Load()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reintegratie.Edge.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var path = Path.Combine(dir.FullName, "tests", "vectors", "mavlink", "vectors.jsonl");
        var lines = File.ReadAllLines(path)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToArray();
        Assert.True(lines.Length >= 14, $"expected the generated vectors in {path}");
        return lines;
    }

    public static IEnumerable<object[]> Ids(string expect) =>
        Load().Where(v => v.GetProperty("expect").GetString() == expect).Select(v => new object[] { v.GetProperty("id").GetString()! });

    public static JsonElement Get(string id) => Load().Single(v => v.GetProperty("id").GetString() == id);

    public static byte[] Bytes(JsonElement vector) => Convert.FromHexString(vector.GetProperty("hex").GetString()!);

    public static JsonElement Fields(string id) => Get(id).GetProperty("fields");

    public static byte[] Array(JsonElement field) => field.EnumerateArray().Select(e => e.GetByte()).ToArray();
}
