using System.Globalization;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary>A one-line progress bar redrawn with carriage returns (terminals only).</summary>
/// <param name="writer">Where to draw (stderr).</param>
/// <param name="total">The total count.</param>
internal sealed class ProgressBar(TextWriter writer, long total)
{
    private const int Width = 30;
    private int _lastPercent = -1;

    public void Report(long done)
    {
        var percent = total <= 0 ? 100 : (int)Math.Min(100, done * 100 / total);
        if (percent == _lastPercent)
        {
            return;
        }

        _lastPercent = percent;
        var filled = percent * Width / 100;
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {done}/{total} rows"));
        writer.Flush();
    }

    public void Finish(long done)
    {
        Report(done);
        writer.WriteLine();
    }
}
