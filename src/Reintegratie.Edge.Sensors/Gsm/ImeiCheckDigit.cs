namespace Reintegratie.Edge.Sensors.Gsm;

/// <summary>
/// The IMEI check digit: the Luhn algorithm over the 14 digits TAC + SNR (3GPP TS 23.003 §6.2.1 and Annex B).
/// The check digit is not sent over the radio interface, so umbrellas may report 14 digits; the adapter
/// completes them so both forms of one handset give the same pseudonym.
/// </summary>
public static class ImeiCheckDigit
{
    /// <summary>The check digit (ASCII '0'-'9') for 14 ASCII digits.</summary>
    public static byte Compute(ReadOnlySpan<byte> fourteenDigits)
    {
        if (fourteenDigits.Length != 14)
        {
            throw new ArgumentException($"Expected 14 digits but got {fourteenDigits.Length}.", nameof(fourteenDigits));
        }

        var sum = 0;
        for (var i = 0; i < 14; i++)
        {
            var d = fourteenDigits[i] - '0';
            if ((uint)d > 9)
            {
                throw new ArgumentException("Expected only the digits 0-9.", nameof(fourteenDigits));
            }

            // Annex B: every second digit from the left (positions 2, 4, ... 14) is doubled and its digits summed.
            if ((i & 1) == 1)
            {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }

            sum += d;
        }

        return (byte)('0' + ((10 - (sum % 10)) % 10));
    }

    /// <summary>True when 15 ASCII digits end in the correct check digit.</summary>
    public static bool IsValid(ReadOnlySpan<byte> fifteenDigits) =>
        fifteenDigits.Length == 15 && AllDigits(fifteenDigits) && Compute(fifteenDigits[..14]) == fifteenDigits[14];

    /// <summary>True when every byte is an ASCII digit (and there is at least one).</summary>
    public static bool AllDigits(ReadOnlySpan<byte> text) =>
        !text.IsEmpty && !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');
}
