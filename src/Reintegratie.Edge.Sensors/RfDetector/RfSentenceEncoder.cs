using System.Buffers.Text;
using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Sensors.RfDetector;

/// <summary>Writes <c>$PRFDT</c> sentences with their checksum (the simulator's side of <see cref="RfSentenceParser"/>).</summary>
public static class RfSentenceEncoder
{
    /// <summary>Writes the sentence (without CR LF) into <paramref name="dest"/> (80 bytes suffice); returns its length.</summary>
    /// <exception cref="ArgumentException">A field is outside the range the sentence allows.</exception>
    public static int Encode(in RfSentence s, Span<byte> dest)
    {
        Check(s);
        var w = new Writer(dest);
        w.Byte((byte)'$');
        w.Bytes(RfSentenceParser.Address);
        w.Byte((byte)',');
        var t = s.TimeOfDay;
        w.Digits2(t.Hours);
        w.Digits2(t.Minutes);
        w.Digits2(t.Seconds);
        w.Byte((byte)'.');
        w.Digits2(t.Milliseconds / 10);
        w.Byte((byte)',');
        w.Bytes(s.SensorId.Span);
        w.Byte((byte)',');
        w.Bytes(s.TrackId.Span);
        w.Byte((byte)',');
        w.Fixed(s.BearingDeg, 1);
        w.Byte((byte)',');
        if (!float.IsNaN(s.ElevationDeg))
        {
            w.Fixed(s.ElevationDeg, 1);
        }

        w.Byte((byte)',');
        w.Fixed(s.RssiDbm, 0);
        w.Byte((byte)',');
        w.Fixed(s.FrequencyMhz, 1);
        w.Byte((byte)',');
        w.Bytes(RfProtocolNames.ToWord(s.Protocol));
        w.Byte((byte)',');
        w.Fixed(s.ConfidencePercent, 0);
        var sum = NmeaChecksum.Compute(dest[1..w.Length]);
        w.Byte((byte)'*');
        HexDigits.WriteByte(sum, dest[w.Length..]);
        return w.Length + 2;
    }

    /// <summary>The sentence as a string (simulator, tests, documentation).</summary>
    public static string Format(in RfSentence s)
    {
        Span<byte> buf = stackalloc byte[RfSentenceParser.MaxSentenceLength];
        var n = Encode(s, buf);
        return System.Text.Encoding.ASCII.GetString(buf[..n]);
    }

    private static void Check(in RfSentence s)
    {
        if (s.SensorId.IsEmpty || s.SensorId.Length > RfSentence.MaxIdLength || s.TrackId.IsEmpty || s.TrackId.Length > RfSentence.MaxIdLength)
        {
            throw new ArgumentException("Expected sensor and track ids of 1-8 characters", nameof(s));
        }

        var bearing = Math.Round(s.BearingDeg, 1);
        if (!(bearing is >= 0 and < 360) || !(s.RssiDbm is >= -150 and <= 30) || !(s.FrequencyMhz is > 0 and < 10000)
            || (!float.IsNaN(s.ElevationDeg) && !(s.ElevationDeg is >= -90 and <= 90)) || s.ConfidencePercent > 100
            || s.TimeOfDay < TimeSpan.Zero || s.TimeOfDay >= TimeSpan.FromDays(1))
        {
            throw new ArgumentException(
                $"Expected bearing [0,360), elevation [-90,90] or NaN, rssi [-150,30], frequency (0,10000), confidence 0..100, time within a day; got {s.BearingDeg}, {s.ElevationDeg}, {s.RssiDbm}, {s.FrequencyMhz}, {s.ConfidencePercent}, {s.TimeOfDay}",
                nameof(s));
        }
    }

    private ref struct Writer(Span<byte> dest)
    {
        private readonly Span<byte> _dest = dest;

        public int Length { get; private set; }

        public void Byte(byte b) => _dest[Length++] = b;

        public void Bytes(scoped ReadOnlySpan<byte> b)
        {
            b.CopyTo(_dest[Length..]);
            Length += b.Length;
        }

        public void Digits2(int v)
        {
            Byte((byte)('0' + (v / 10)));
            Byte((byte)('0' + (v % 10)));
        }

        public void Fixed(double v, int decimals)
        {
            var rounded = Math.Round(v, decimals, MidpointRounding.AwayFromZero);
            if (rounded == 0)
            {
                rounded = 0; // no "-0.0"
            }

            Utf8Formatter.TryFormat(rounded, _dest[Length..], out var n, new System.Buffers.StandardFormat('F', (byte)decimals));
            Length += n;
        }
    }
}
