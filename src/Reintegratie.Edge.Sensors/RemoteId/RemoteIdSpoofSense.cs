using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// Flags Remote ID tracks that look forged, per receiver: positions further apart than an aircraft can fly in the time
/// between (default 100 m/s, faster than any drone that can carry a parcel), one radio address announcing several UAS
/// ids within a minute (cheap transmitters broadcast swarms of fake ids from one MAC), and a transport message counter
/// that repeats or goes backwards (replayed frames). It only flags: the detection is still published, so a real drone
/// is never silenced by a clever forger. Memory is bounded; a flood of random addresses recycles the oldest entries.
/// </summary>
public sealed class RemoteIdSpoofSense
{
    /// <summary>The fastest plausible ground speed.</summary>
    public const double MaxSpeedMps = 100;

    /// <summary>Distinct UAS ids one address may announce within <see cref="IdWindow"/> before it is suspect.</summary>
    public const int MaxIdsPerMac = 2;

    /// <summary>The window for <see cref="MaxIdsPerMac"/>.</summary>
    public static readonly TimeSpan IdWindow = TimeSpan.FromSeconds(60);

    private const int MaxAddresses = 4096;
    private readonly Dictionary<ulong, MacIds> _ids = new(MaxAddresses + 1);
    private readonly Dictionary<ulong, byte> _counters = new(MaxAddresses + 1);

    /// <summary>Tracks flagged so far (each reason counted once per track).</summary>
    public long Flagged { get; private set; }

    /// <summary>Records that <paramref name="mac"/> announced <paramref name="uas"/>; returns the reasons this adds.</summary>
    public SpoofReasons OnIdentity(ulong mac, in FixedAscii32 uas, long ticks)
    {
        if (_ids.TryGetValue(mac, out var seen))
        {
            if (ticks - seen.WindowStart > IdWindow.Ticks)
            {
                // A transmitter caught announcing a swarm stays suspect while it keeps announcing new ids, so a
                // continuing flood does not get two fresh ids through (each with its own alert) every window.
                var wasSuspect = seen.Distinct > MaxIdsPerMac;
                seen = new MacIds { Last = uas, WindowStart = ticks, Distinct = wasSuspect ? MaxIdsPerMac + 1 : 1 };
            }
            else if (seen.Last != uas)
            {
                seen.Last = uas;
                seen.Distinct++;
            }
        }
        else
        {
            if (_ids.Count >= MaxAddresses)
            {
                _ids.Clear(); // a flood of addresses: start over rather than grow
            }

            seen = new MacIds { Last = uas, WindowStart = ticks, Distinct = 1 };
        }

        _ids[mac] = seen;
        return seen.Distinct > MaxIdsPerMac ? SpoofReasons.ManyIdsOneMac : SpoofReasons.None;
    }

    /// <summary>
    /// Records the transport counter of a frame from <paramref name="mac"/> whose first message has
    /// <paramref name="messageType"/> (Bluetooth 4 keeps one counter per message type [ASTM F3411-22 5.4.7.1]).
    /// </summary>
    public SpoofReasons OnCounter(ulong mac, byte messageType, byte counter)
    {
        var key = (mac << 4) | (messageType & 0x0Fu);
        var reasons = SpoofReasons.None;
        if (_counters.TryGetValue(key, out var last))
        {
            // 8-bit counter: a step of 1..127 is forward (with wrap-around); 0 is a repeat, 128..255 is backwards.
            var step = (byte)(counter - last);
            if (step is 0 or >= 128)
            {
                reasons = SpoofReasons.CounterReplay;
            }
        }
        else if (_counters.Count >= MaxAddresses)
        {
            _counters.Clear();
        }

        _counters[key] = counter;
        return reasons;
    }

    /// <summary>True when going from the previous fix to this one needed more than <see cref="MaxSpeedMps"/>.</summary>
    public static bool IsJump(double lat0, double lon0, long ticks0, double lat1, double lon1, long ticks1)
    {
        // At least one second of slack: receivers stamp frames when they read them, not when they were sent.
        var seconds = Math.Max((ticks1 - ticks0) / (double)TimeSpan.TicksPerSecond, 1.0);
        return DistanceM(lat0, lon0, lat1, lon1) > MaxSpeedMps * seconds;
    }

    /// <summary>Counts a newly flagged track.</summary>
    internal void CountFlag() => Flagged++;

    /// <summary>Great-circle distance in metres.</summary>
    internal static double DistanceM(double lat0, double lon0, double lat1, double lon1)
    {
        // Haversine on a sphere of the WGS-84 mean radius: metres are plenty for a plausibility check.
        const double r = 6_371_008.8;
        var dLat = double.DegreesToRadians(lat1 - lat0);
        var dLon = double.DegreesToRadians(lon1 - lon0);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(double.DegreesToRadians(lat0)) * Math.Cos(double.DegreesToRadians(lat1)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * r * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private struct MacIds
    {
        public FixedAscii32 Last;
        public long WindowStart;
        public int Distinct;
    }
}
