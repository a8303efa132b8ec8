using System.Text;

namespace Reintegratie.Edge.Fuzz;

/// <summary>Writes numbered seed files into one corpus folder, skipping duplicates and oversized inputs.</summary>
internal sealed class SeedWriter
{
    // AFL++ works best with small seeds; anything above this is not a useful starting point for a line or frame parser.
    private const int MaxSeedBytes = 64 * 1024;

    private readonly string _directory;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public SeedWriter(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Number of seeds written.</summary>
    public int Count { get; private set; }

    public void Add(string name, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || bytes.Length > MaxSeedBytes || !_seen.Add(Convert.ToHexString(bytes)))
        {
            return;
        }

        var safe = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
        File.WriteAllBytes(Path.Combine(_directory, $"{Count:D3}-{safe}"), bytes.ToArray());
        Count++;
    }

    public void Add(string name, string text) => Add(name, Encoding.UTF8.GetBytes(text));
}
