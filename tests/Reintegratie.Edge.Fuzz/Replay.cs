using Reintegratie.Edge.Fuzz.Targets;

namespace Reintegratie.Edge.Fuzz;

/// <summary>Runs saved inputs (crashes, corpus) through a target in-process and prints what each one did.</summary>
internal static class Replay
{
    public static int Run(IFuzzTarget target, IEnumerable<string> paths)
    {
        var files = paths
            .SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Where(f => !Path.GetFileName(f).StartsWith("README", StringComparison.Ordinal)) : [p])
            .Order(StringComparer.Ordinal)
            .ToList();
        var crashes = 0;
        foreach (var file in files)
        {
            var input = File.ReadAllBytes(file);
            try
            {
                target.Run(input);
            }
            catch (Exception e)
            {
                crashes++;
                Console.WriteLine($"CRASH {file} ({input.Length} bytes): {e.GetType().FullName}: {e.Message}");
                Console.WriteLine($"  input hex: {Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 512)))}");
                Console.WriteLine(e.StackTrace);
            }
        }

        Console.WriteLine($"{target.Name}: {files.Count} inputs replayed, {crashes} crashed");
        return crashes == 0 ? 0 : 1;
    }
}
