using System.Text;
using System.Text.Json;
using Reintegratie.Edge.Sensors.RfDetector;

namespace Reintegratie.Edge.Cli.Commands.Decode;

/// <summary><c>edgectl decode rf &lt;SENTENCE&gt;</c>: parses one <c>$PRFDT</c> RF detector sentence to JSON (bad checksum: exit 1).</summary>
public sealed class DecodeRfCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["decode", "rf"];

    /// <inheritdoc />
    public string Summary => "decode rf <SENTENCE>              parse an RF detector $PRFDT sentence (NMEA 0183 framed) to JSON";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var parsed = CliArgs.Parse(args, []);
        if (parsed.Positionals.Count != 1)
        {
            throw new CliUsageException("expected exactly one <SENTENCE> (quote it: it contains '$' and '*')");
        }

        if (!RfSentenceParser.TryParse(Encoding.ASCII.GetBytes(parsed.Positionals[0]), out var s, out var error))
        {
            await console.Error.WriteLineAsync($"edgectl decode rf: {error}").ConfigureAwait(false);
            return 1;
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("sentence", "PRFDT");
            w.WriteString("time_utc", s.TimeOfDay.ToString(@"hh\:mm\:ss\.ff", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("sensor_id", s.SensorId.Span);
            w.WriteString("track_id", s.TrackId.Span);
            w.WriteNumber("bearing_deg", Math.Round(s.BearingDeg, 1));
            if (float.IsNaN(s.ElevationDeg))
            {
                w.WriteNull("elevation_deg");
            }
            else
            {
                w.WriteNumber("elevation_deg", Math.Round(s.ElevationDeg, 1));
            }

            w.WriteNumber("rssi_dbm", s.RssiDbm);
            w.WriteNumber("frequency_mhz", Math.Round(s.FrequencyMhz, 1));
            w.WriteString("protocol", RfProtocolNames.ToWord(s.Protocol));
            w.WriteNumber("confidence", s.ConfidencePercent);
            w.WriteEndObject();
        }

        await console.Out.WriteLineAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)).ConfigureAwait(false);
        return 0;
    }
}
