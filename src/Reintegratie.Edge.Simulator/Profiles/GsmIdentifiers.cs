using System.Globalization;
using Reintegratie.Edge.Sensors.Gsm;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>Realistic synthetic handset identifiers: IMSI = MCC + MNC + MSIN (15 digits, ITU-T E.212), IMEI = TAC + SNR + Luhn check digit.</summary>
public static class GsmIdentifiers
{
    private static readonly string[] s_dutchMncs = ["02", "04", "08", "16", "20"];
    private static readonly string[] s_tacs = ["35209900", "35332811", "86891204", "49015420", "35875110"];

    /// <summary>A Dutch network code for MCC 204, else "01".</summary>
    public static string Mnc(Random random, int mcc) =>
        mcc == 204 ? s_dutchMncs[random.Next(s_dutchMncs.Length)] : "01";

    /// <summary>A 15-digit IMSI with the given MCC and MNC.</summary>
    public static string Imsi(Random random, int mcc, string mnc)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(mnc);
        var prefix = mcc.ToString("D3", CultureInfo.InvariantCulture) + mnc;
        return prefix + Digits(random, 15 - prefix.Length);
    }

    /// <summary>A 15-digit IMEI with a real-looking TAC and a valid check digit.</summary>
    public static string Imei(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var body = s_tacs[random.Next(s_tacs.Length)] + Digits(random, 6);
        return body + (char)ImeiCheckDigit.Compute(System.Text.Encoding.ASCII.GetBytes(body));
    }

    private static string Digits(Random random, int count) =>
        string.Create(count, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('0' + r.Next(10));
            }
        });
}
