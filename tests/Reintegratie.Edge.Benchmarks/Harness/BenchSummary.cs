using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reintegratie.Edge.Benchmarks.Harness;

/// <summary>
/// The figures of one `make bench` run: artifacts/bench/summary.json (one number per DESIGN.md target key, plus the
/// machine and the date) and docs/BENCHMARKS.md. A figure that was not measured is absent, never invented.
/// </summary>
public sealed class BenchSummary
{
    private readonly SortedDictionary<string, double> _figures = new(StringComparer.Ordinal);
    private readonly List<(string Figure, string Target, string Measured, string Baseline, string Note)> _rows = [];

    public void Add(string key, double value) => _figures[key] = Math.Round(value, 3);

    public void Row(string figure, string target, string measured, string baseline, string note = "") =>
        _rows.Add((figure, target, measured, baseline, note));

    public static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>
    /// Writes summary.json and the generated head of the docs file (title, machine, the figures table); everything in the
    /// existing docs file from its first <c>## </c> section on (the hand-written analysis) is kept as it is.
    /// </summary>
    public void Write(string outDir, string docsPath, string command, DateTimeOffset date, (double Min, double Max) load)
    {
        Directory.CreateDirectory(outDir);
        var json = new JsonObject();
        foreach (var (k, v) in _figures)
        {
            json[k] = v;
        }

        json["machine"] = new JsonObject
        {
            ["cores"] = Environment.ProcessorCount,
            ["cpu_model"] = CpuModel(),
            ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        };
        json["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        json["command"] = command;
        File.WriteAllText(Path.Combine(outDir, "summary.json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

        var md = new StringBuilder();
        md.AppendLine("# Benchmarks");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Produced by `{command}` on {date:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores, {CpuModel()}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; 1-minute load average {load.Min:0.0}-{load.Max:0.0} during the run.");
        md.AppendLine("The machine is shared and noisy; baselines run in the same process and run, so ratios are more telling than absolute numbers.");
        md.AppendLine("Raw figures: `artifacts/bench/summary.json` (keys as in DESIGN.md). A target whose figure is missing below was not measured by this run.");
        md.AppendLine();
        md.AppendLine("| figure | target | measured | baseline (same run) | note |");
        md.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var r in _rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Figure} | {r.Target} | {r.Measured} | {r.Baseline} | {r.Note} |");
        }

        if (File.Exists(docsPath) && File.ReadAllText(docsPath) is var existing && existing.IndexOf("\n## ", StringComparison.Ordinal) is var at and >= 0)
        {
            md.AppendLine();
            md.Append(existing.AsSpan(at + 1));
        }

        File.WriteAllText(docsPath, md.ToString());
    }
}
