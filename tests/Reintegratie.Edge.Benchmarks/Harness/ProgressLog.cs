using System.Globalization;
using System.Text;

namespace Reintegratie.Edge.Benchmarks.Harness;

/// <summary>
/// Standard error for a `make bench` run: every line gets the time since the start and the 1-minute load average, and
/// the load average is kept (lowest, highest) for the summary, since on a shared machine it says how far to trust a
/// figure.
/// </summary>
internal sealed class ProgressLog : TextWriter
{
    private readonly TextWriter _inner;
    private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();

    public ProgressLog(TextWriter inner)
    {
        _inner = inner;
        Sample();
    }

    public override Encoding Encoding => _inner.Encoding;

    /// <summary>Lowest 1-minute load average seen at a progress line.</summary>
    public double LoadMin { get; private set; } = double.MaxValue;

    /// <summary>Highest 1-minute load average seen at a progress line.</summary>
    public double LoadMax { get; private set; }

    /// <summary>The 1-minute load average now (NaN when /proc/loadavg is unreadable).</summary>
    public static double Load()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                var load = Sample();
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(_start);
                _inner.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes:00}:{elapsed.Seconds:00} load {load,5:0.0} {_line}"));
                _inner.Flush();
                _line.Clear();
            }
            else if (value != '\r')
            {
                _line.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write('\n');
    }

    private double Sample()
    {
        var load = Load();
        if (double.IsFinite(load))
        {
            LoadMin = Math.Min(LoadMin, load);
            LoadMax = Math.Max(LoadMax, load);
        }

        return load;
    }
}
