using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.RfDetector;

/// <summary>The protocol words of the <c>$PRFDT</c> sentence and their <see cref="RfProtocol"/> values.</summary>
public static class RfProtocolNames
{
    /// <summary>The sentence word for a protocol.</summary>
    public static ReadOnlySpan<byte> ToWord(RfProtocol protocol) => protocol switch
    {
        RfProtocol.DjiOcuSync => "OCUSYNC"u8,
        RfProtocol.DjiLightbridge => "LIGHTBRIDGE"u8,
        RfProtocol.WiFi => "WIFI"u8,
        RfProtocol.AnalogVideo => "ANALOG"u8,
        RfProtocol.RcControl => "RC"u8,
        RfProtocol.Other => "OTHER"u8,
        _ => "UNKNOWN"u8,
    };

    /// <summary>Parses a sentence word (exact, upper case).</summary>
    public static bool TryParse(ReadOnlySpan<byte> word, out RfProtocol protocol)
    {
        protocol = RfProtocol.Unknown;
        for (var p = RfProtocol.Unknown; p <= RfProtocol.Other; p++)
        {
            if (word.SequenceEqual(ToWord(p)))
            {
                protocol = p;
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses a word given as text (case-insensitive), e.g. from a scenario file.</summary>
    public static bool TryParse(string word, out RfProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(word);
        Span<byte> upper = stackalloc byte[16];
        protocol = RfProtocol.Unknown;
        if (word.Length > upper.Length)
        {
            return false;
        }

        for (var i = 0; i < word.Length; i++)
        {
            upper[i] = (byte)char.ToUpperInvariant(word[i]);
        }

        return TryParse(upper[..word.Length], out protocol);
    }
}
