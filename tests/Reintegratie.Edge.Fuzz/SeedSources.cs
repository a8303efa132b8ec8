using System.Text.Json;

namespace Reintegratie.Edge.Fuzz;

/// <summary>
/// The real examples seeds are made from: the Open Drone ID conformance vectors, the SAPIENT conformance messages,
/// the documented example lines and blocks in the protocol notes and sensor READMEs, and the shipped configuration.
/// </summary>
internal sealed class SeedSources
{
    public SeedSources(string repositoryRoot, string conformanceRoot)
    {
        RepositoryRoot = repositoryRoot;
        ConformanceRoot = conformanceRoot;
    }

    public string RepositoryRoot { get; }

    public string ConformanceRoot { get; }

    /// <summary>(id, bytes) of every message in opendroneid/encoder-vectors.jsonl.</summary>
    public IEnumerable<(string Id, byte[] Bytes)> OdidVectors()
    {
        var path = Path.Combine(ConformanceRoot, "opendroneid", "encoder-vectors.jsonl");
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var doc = JsonDocument.Parse(line);
            var id = doc.RootElement.GetProperty("id").GetString() ?? "vector";
            yield return (id, Convert.FromHexString(doc.RootElement.GetProperty("hex").GetString() ?? string.Empty));
        }
    }

    /// <summary>(id, bytes) of every MAVLink vector in tests/vectors/mavlink/vectors.jsonl (made by node-mavlink).</summary>
    public IEnumerable<(string Id, byte[] Bytes)> MavlinkVectors()
    {
        var path = Path.Combine(RepositoryRoot, "tests", "vectors", "mavlink", "vectors.jsonl");
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var doc = JsonDocument.Parse(line);
            var id = doc.RootElement.GetProperty("id").GetString() ?? "vector";
            yield return (id, Convert.FromHexString(doc.RootElement.GetProperty("hex").GetString() ?? string.Empty));
        }
    }

    /// <summary>(file name, JSON text) of every accepted SAPIENT conformance message.</summary>
    public IEnumerable<(string Name, string Json)> SapientValid() => Files(Path.Combine(ConformanceRoot, "sapient", "valid"), "*.json");

    /// <summary>(file name, JSON text) of every SAPIENT conformance message a conforming node must reject.</summary>
    public IEnumerable<(string Name, string Json)> SapientInvalid() => Files(Path.Combine(ConformanceRoot, "sapient", "invalid"), "*.json");

    /// <summary>The shipped configuration files (deploy/config/*.json).</summary>
    public IEnumerable<(string Name, string Json)> ShippedConfiguration() => Files(Path.Combine(RepositoryRoot, "deploy", "config"), "*.json");

    /// <summary>Every line of the protocol notes and sensor READMEs, trimmed (examples are picked by prefix).</summary>
    public IEnumerable<string> DocumentedLines() =>
        DocumentationFiles().SelectMany(File.ReadLines).Select(l => l.Trim()).Where(l => l.Length > 0);

    /// <summary>The text of every fenced code block in the protocol notes and sensor READMEs.</summary>
    public IEnumerable<string> DocumentedBlocks()
    {
        foreach (var file in DocumentationFiles())
        {
            List<string>? block = null;
            foreach (var line in File.ReadLines(file))
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    if (block is null)
                    {
                        block = [];
                    }
                    else
                    {
                        yield return string.Join('\n', block);
                        block = null;
                    }
                }
                else
                {
                    block?.Add(line);
                }
            }
        }
    }

    private IEnumerable<string> DocumentationFiles()
    {
        var protocols = Path.Combine(RepositoryRoot, "hardware", "protocols");
        var sensors = Path.Combine(RepositoryRoot, "src", "Reintegratie.Edge.Sensors");
        var notes = Directory.Exists(protocols) ? Directory.GetFiles(protocols, "*.md") : [];
        var readmes = Directory.Exists(sensors) ? Directory.GetFiles(sensors, "README.md", SearchOption.AllDirectories) : [];
        return notes.Concat(readmes).Order(StringComparer.Ordinal);
    }

    private static IEnumerable<(string Name, string Text)> Files(string directory, string pattern) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, pattern).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            : [];
}
