using System.Text;
using System.Text.Json;

namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>Renders the checklist for a technician (text) or a tool (<c>--json</c>).</summary>
public static class DoctorReport
{
    /// <summary>Plain text: one mark and line per check, the fix indented under a failed or warned one.</summary>
    public static string Text(IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder();
        foreach (var r in results)
        {
            var mark = r.Status switch
            {
                CheckStatus.Pass => "[ OK ]",
                CheckStatus.Warn => "[WARN]",
                _ => "[FAIL]",
            };
            sb.Append(mark).Append(' ').Append(r.Message).Append('\n');
            if (r.Fix is not null)
            {
                sb.Append("       fix: ").Append(r.Fix).Append('\n');
            }
        }

        var failed = results.Count(r => r.Status == CheckStatus.Fail);
        var warned = results.Count(r => r.Status == CheckStatus.Warn);
        sb.Append(failed == 0
            ? $"All {results.Count} checks passed{(warned > 0 ? $", {warned} with a warning" : string.Empty)}.\n"
            : $"{failed} of {results.Count} checks failed{(warned > 0 ? $", {warned} warned" : string.Empty)}.\n");
        return sb.ToString();
    }

    /// <summary>
    /// JSON: <c>{"ok": bool, "failed": n, "warnings": n, "checks": [{"check", "status" (pass|warn|fail), "message", "fix"}]}</c>.
    /// </summary>
    public static string Json(IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", results.All(r => r.Status != CheckStatus.Fail));
            w.WriteNumber("failed", results.Count(r => r.Status == CheckStatus.Fail));
            w.WriteNumber("warnings", results.Count(r => r.Status == CheckStatus.Warn));
            w.WriteStartArray("checks");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("check", r.Check);
                w.WriteString("status", r.Status switch { CheckStatus.Pass => "pass", CheckStatus.Warn => "warn", _ => "fail" });
                w.WriteString("message", r.Message);
                if (r.Fix is null)
                {
                    w.WriteNull("fix");
                }
                else
                {
                    w.WriteString("fix", r.Fix);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
