using System.Text.RegularExpressions;

namespace Reintegratie.Edge.Core.Tests.Conventions;

/// <summary>
/// Log event ids are unique across every project under src/, so an operator's journalctl filter on one id finds one
/// message. Reads the sources (the hub and the simulator included), not one assembly's metadata.
/// </summary>
public sealed partial class LogEventIdTests
{
    [Fact]
    public void EveryLoggerMessageEventId_IsUsedOnce()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var seen = new Dictionary<int, List<string>>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match m in EventIdPattern().Matches(lines[i]))
                {
                    var id = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (!seen.TryGetValue(id, out var where))
                    {
                        seen[id] = where = [];
                    }

                    where.Add($"{Path.GetRelativePath(src, file)}:{i + 1}");
                }
            }
        }

        Assert.True(seen.Count > 50, $"only {seen.Count} event ids found under {src}: the scan is looking in the wrong place");
        var duplicates = seen.Where(kv => kv.Value.Count > 1).Select(kv => $"{kv.Key}: {string.Join(", ", kv.Value)}").ToList();
        Assert.True(duplicates.Count == 0, "log event ids used more than once:\n" + string.Join("\n", duplicates));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reintegratie.Edge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"Reintegratie.Edge.sln not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"EventId = (\d+)")]
    private static partial Regex EventIdPattern();
}
