using System.Text.Json;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RfDetector;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>Arguments of the RF detector "track" action.</summary>
/// <param name="TrackId">Detector track id (1-8 characters).</param>
/// <param name="FromBearing">Bearing at the start, degrees.</param>
/// <param name="ToBearing">Bearing at the end, degrees.</param>
/// <param name="Seconds">Duration.</param>
/// <param name="RateHz">Sentences per second.</param>
/// <param name="Protocol">Protocol guess.</param>
/// <param name="Rssi">RSSI in dBm.</param>
/// <param name="FreqMhz">Frequency in MHz.</param>
public sealed record RfDetectorTrackArgs(string TrackId, double FromBearing, double ToBearing, double Seconds, double RateHz, RfProtocol Protocol, float Rssi, float FreqMhz)
{
    /// <summary>Reads the action's JSON arguments; a wrong argument throws <see cref="ArgumentException"/> naming it.</summary>
    public static RfDetectorTrackArgs Parse(JsonElement args)
    {
        if (args.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("track: args must be an object {trackId, fromBearing, toBearing, seconds, rateHz, protocol, rssi, freqMhz}");
        }

        var trackId = args.TryGetProperty("trackId", out var t) ? t.GetString() : null;
        if (string.IsNullOrEmpty(trackId) || trackId.Length > RfSentence.MaxIdLength || !trackId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException("track: trackId is required (1-8 of letters, digits, '-', '_')");
        }

        var protocolWord = args.TryGetProperty("protocol", out var p) ? p.GetString() ?? "UNKNOWN" : "UNKNOWN";
        if (!RfProtocolNames.TryParse(protocolWord, out var protocol))
        {
            throw new ArgumentException($"track: protocol must be OCUSYNC, LIGHTBRIDGE, WIFI, ANALOG, RC, OTHER or UNKNOWN, got '{protocolWord}'");
        }

        var seconds = Number(args, "seconds", 20);
        var rate = Number(args, "rateHz", 1);
        if (!(seconds > 0) || !(rate is > 0 and <= 50))
        {
            throw new ArgumentException($"track: seconds must be > 0 and rateHz in (0, 50], got {seconds} and {rate}");
        }

        var rssi = Number(args, "rssi", -70);
        var freq = Number(args, "freqMhz", 2437);
        if (rssi is < -150 or > 30 || freq is <= 0 or >= 10000)
        {
            throw new ArgumentException($"track: rssi must be in [-150, 30] dBm and freqMhz in (0, 10000), got {rssi} and {freq}");
        }

        return new RfDetectorTrackArgs(trackId, Number(args, "fromBearing", 0), Number(args, "toBearing", 0), seconds, rate, protocol, (float)rssi, (float)freq);
    }

    private static double Number(JsonElement args, string name, double defaultValue) =>
        args.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new ArgumentException($"track: {name} must be a number") : defaultValue;
}
