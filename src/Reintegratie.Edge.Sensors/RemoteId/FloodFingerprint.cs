namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// What one receiver has learnt about the flood it is folding: the received signal strength of the last
/// <see cref="Window"/> new ids it refused, and whether any of them came from a globally administered (vendor OUI) Wi-Fi
/// MAC. A forging transmitter that stands still is heard in a narrow RSSI band whatever ids and MACs it invents; a
/// real drone elsewhere is heard outside that band, so its FIRST frame can be told apart from the flood. An adversary
/// who spreads its transmit power over the whole range (or transmits from where the drone would be) makes every new
/// id look like the flood again, and the real drone waits for its second frame (docs/BENCHMARKS.md). Not thread-safe:
/// the receiver's one reader task calls it; nothing is allocated after construction.
/// </summary>
public sealed class FloodFingerprint
{
    /// <summary>Refused new ids remembered (a quarter of a second of a 1,000 ids/s flood).</summary>
    public const int Window = 256;

    /// <summary>Refused new ids needed before anything is called distinct: a band needs samples.</summary>
    public const int MinSamples = 64;

    /// <summary>A new id whose RSSI is this close (dB) to one of the flood's is taken for the flood.</summary>
    public const int MarginDb = 3;

    private const byte Unknown = 0;
    private const int Bins = 129; // 1 + the dBm values -127 .. 0

    private readonly byte[] _bin = new byte[Window];
    private readonly bool[] _globalMac = new bool[Window];
    private readonly int[] _histogram = new int[Bins];
    private int _count;
    private int _next;
    private int _withRssi;
    private int _globalMacs;

    /// <summary>Refused new ids in the window now.</summary>
    public int Samples => _count;

    /// <summary>Adds a refused new id: it belongs to the flood.</summary>
    public void Observe(in RemoteIdLine line)
    {
        if (_count == Window)
        {
            Forget(_next);
        }
        else
        {
            _count++;
        }

        var bin = BinOf(line.RssiDbm);
        _bin[_next] = bin;
        _histogram[bin]++;
        if (bin != Unknown)
        {
            _withRssi++;
        }

        _globalMac[_next] = IsGlobalWifiMac(line);
        if (_globalMac[_next])
        {
            _globalMacs++;
        }

        _next = (_next + 1) % Window;
    }

    /// <summary>
    /// True when a new id heard as <paramref name="line"/> cannot be the flood's transmitter as far as the window shows:
    /// its RSSI is more than <see cref="MarginDb"/> from every refused id's, or it comes from a vendor OUI on Wi-Fi
    /// while every refused id came from a locally administered (random) MAC.
    /// </summary>
    public bool IsDistinct(in RemoteIdLine line)
    {
        if (_count < MinSamples)
        {
            return false;
        }

        if (_globalMacs == 0 && IsGlobalWifiMac(line))
        {
            return true;
        }

        var bin = BinOf(line.RssiDbm);
        if (bin == Unknown || _withRssi < MinSamples)
        {
            return false;
        }

        var from = Math.Max(1, bin - MarginDb);
        var to = Math.Min(Bins - 1, bin + MarginDb);
        for (var b = from; b <= to; b++)
        {
            if (_histogram[b] != 0)
            {
                return false;
            }
        }

        return true;
    }

    private void Forget(int slot)
    {
        var bin = _bin[slot];
        _histogram[bin]--;
        if (bin != Unknown)
        {
            _withRssi--;
        }

        if (_globalMac[slot])
        {
            _globalMacs--;
        }
    }

    private static byte BinOf(float rssiDbm) =>
        float.IsNaN(rssiDbm) ? Unknown : (byte)(Math.Clamp((int)MathF.Round(rssiDbm), -127, 0) + 128);

    // The universal/local bit (IEEE 802 clause 8.2.2) means something for Wi-Fi only: a Bluetooth random static address
    // sets its two top bits instead, so any value of this bit is normal there.
    private static bool IsGlobalWifiMac(in RemoteIdLine line) =>
        line.HasMac && (line.Transport is RidTransport.WifiBeacon or RidTransport.WifiNan) && ((line.Mac >> 40) & 0x02) == 0;
}
