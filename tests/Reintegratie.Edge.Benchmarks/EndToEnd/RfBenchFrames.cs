using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// <c>$PRFDT</c> sentences (hardware/protocols/rf-detector.md) that carry the harness's frame number. The track id stays
/// constant (a new track id per frame would make fusion open a new track and alert per frame, which is not the load a
/// site sees); the number rides in two numeric fields that reach the event payload unchanged: frequency (tenths of a MHz,
/// 1..99998) and elevation (tenths of a degree, -90.0..90.0), room for 180 million frames. The harness keeps each frame's
/// send timestamp by number and matches the event that comes back.
/// </summary>
internal static class RfBenchFrames
{
    private const long FrequencySteps = 99_998;

    public static byte[] Sentence(long number, TimeSpan timeOfDay)
    {
        var frequencyTenths = 1 + (number % FrequencySteps);
        var elevationTenths = (number / FrequencySteps) - 900;
        var body = string.Create(CultureInfo.InvariantCulture,
            $"PRFDT,{timeOfDay.Hours:00}{timeOfDay.Minutes:00}{timeOfDay.Seconds:00}.{timeOfDay.Milliseconds / 10:00},{GatewayProcess.SensorId},BENCH1,45.0,{elevationTenths / 10.0:0.0},-60,{frequencyTenths / 10.0:0.0},OCUSYNC,90");
        byte checksum = 0;
        foreach (var c in body)
        {
            checksum ^= (byte)c; // NMEA 0183: XOR of every character between '$' and '*'
        }

        return Encoding.ASCII.GetBytes($"${body}*{checksum:X2}\r\n");
    }

    /// <summary>The frame number of an <c>…/events/drone</c> payload, or -1 when it is not one of ours.</summary>
    public static long NumberOf(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        double frequency = double.NaN, elevation = double.NaN;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("frequency_mhz"u8) && reader.Read() && reader.TokenType == JsonTokenType.Number)
            {
                frequency = reader.GetDouble();
            }
            else if (reader.ValueTextEquals("elevation_deg"u8) && reader.Read() && reader.TokenType == JsonTokenType.Number)
            {
                elevation = reader.GetDouble();
            }
        }

        if (double.IsNaN(frequency) || double.IsNaN(elevation))
        {
            return -1;
        }

        return ((long)Math.Round(elevation * 10) + 900) * FrequencySteps + ((long)Math.Round(frequency * 10) - 1);
    }
}
