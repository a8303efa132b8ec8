using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// Assembles Remote ID messages into one track per aircraft and publishes a drone detection for every Location.
/// A track is keyed by the UAS id (Basic ID); until a Basic ID is seen, by the sender's MAC address, and a MAC seen
/// with a Basic ID carries later single messages (Bluetooth 4 sends one message per advertisement) to that UAS id.
/// Tracks silent for longer than the stale time are dropped. New tracks are bounded by a <see cref="NewTrackBudget"/>:
/// beyond it a new id folds into the receiver's one flood track (<c>new_id_flood</c>) and gets its own track when it is
/// heard again (a real drone keeps its id; a flood of random ids does not). A new id that the flood's
/// <see cref="FloodFingerprint"/> says its transmitter cannot have sent (another RSSI band, a vendor MAC among random
/// ones) gets its own track at its first frame from a second budget of the same size, so a real drone heard apart
/// from the forger is not delayed by it. Not thread-safe: one reader task calls it.
/// Steady state allocates nothing (pre-sized dictionaries, pooled track objects).
/// </summary>
public sealed class RemoteIdTrackAssembler
{
    private readonly SiteModel _site;
    private readonly IEventSink _sink;
    private readonly int _sensorIndex;
    private readonly long _staleTicks;
    private readonly int _maxTracks;
    private readonly Dictionary<FixedAscii32, RemoteIdTrack> _tracks;
    private readonly Dictionary<ulong, FixedAscii32> _macToUas;
    private readonly Stack<RemoteIdTrack> _pool;
    private readonly RemoteIdSpoofSense _spoof = new();
    private readonly NewTrackBudget _budget;
    private readonly NewTrackBudget _distinctBudget;
    private readonly FloodFingerprint _fingerprint = new();
    private readonly RecentKeys _refused = new(RefusedMemory);
    private readonly RemoteIdCoverage? _coverage;
    private long _lastSweepTicks;
    private long _lastSeenAt;

    /// <summary>The track key of the receiver's flood track (new ids heard while the new-track budget was spent).</summary>
    public const string FloodTrackKey = "new-id-flood";

    // New ids refused a track are remembered for at least this many later refusals (4 s of a 1,000 ids/s flood), so a
    // drone heard again within that gets its own track; 2 x 4096 keys of 33 bytes is about 300 KB.
    private const int RefusedMemory = 4096;
    private static readonly FixedAscii32 s_floodKey = FixedAscii32.From(FloodTrackKey);

    /// <summary>
    /// The assembler of one Remote ID receiver as every receiver adapter (line, MAVLink, capture) configures it: its stale
    /// time, new-track budget and the site's receiver coverage from <paramref name="options"/>.
    /// </summary>
    public static RemoteIdTrackAssembler For(Sensor sensor, RemoteIdOptions options, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new RemoteIdTrackAssembler(context.Site, context.Sink, sensor.Index, TimeSpan.FromSeconds(options.StaleTrackSeconds),
            budget: options.CreateBudget(), coverage: options.Coverage, distinctBudget: options.CreateBudget());
    }

    /// <summary>Creates an assembler for one receiver.</summary>
    /// <param name="site">The site (zones).</param>
    /// <param name="sink">Where detections go.</param>
    /// <param name="sensorIndex">The receiver's sensor index.</param>
    /// <param name="staleAfter">A track silent this long is dropped.</param>
    /// <param name="maxTracks">Tracks held at most.</param>
    /// <param name="budget">New tracks allowed per second and burst (default <see cref="RemoteIdOptions"/>' defaults).</param>
    /// <param name="coverage">The site's receivers, for the "heard by only one receiver" check (null: off).</param>
    /// <param name="distinctBudget">New tracks, while <paramref name="budget"/> refuses, for ids distinct from the flood (default as <paramref name="budget"/>' default).</param>
    public RemoteIdTrackAssembler(SiteModel site, IEventSink sink, int sensorIndex, TimeSpan staleAfter, int maxTracks = 256, NewTrackBudget? budget = null, RemoteIdCoverage? coverage = null, NewTrackBudget? distinctBudget = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTracks, 1);
        _site = site;
        _sink = sink;
        _sensorIndex = sensorIndex;
        _staleTicks = staleAfter.Ticks;
        _maxTracks = maxTracks;
        _coverage = coverage;
        _budget = budget ?? new NewTrackBudget(RemoteIdOptions.DefaultNewTracksPerSecond, RemoteIdOptions.DefaultNewTrackBurst);
        _distinctBudget = distinctBudget ?? new NewTrackBudget(RemoteIdOptions.DefaultNewTracksPerSecond, RemoteIdOptions.DefaultNewTrackBurst);
        _tracks = new Dictionary<FixedAscii32, RemoteIdTrack>(maxTracks + 1);
        _macToUas = new Dictionary<ulong, FixedAscii32>(maxTracks + 1);
        _pool = new Stack<RemoteIdTrack>(maxTracks + 1);
        for (var i = 0; i < maxTracks + 1; i++)
        {
            var t = new RemoteIdTrack();
            t.Reset();
            _pool.Push(t);
        }
    }

    /// <summary>Tracks held now.</summary>
    public int TrackCount => _tracks.Count;

    /// <summary>Frames that had neither a Basic ID nor a MAC address, so could not be given to a track.</summary>
    public long Unattributed { get; private set; }

    /// <summary>The plausibility checks (flag counts for metrics and tests).</summary>
    public RemoteIdSpoofSense SpoofSense => _spoof;

    /// <summary>Detections published.</summary>
    public long Published { get; private set; }

    /// <summary>Tracks pushed out because the table was full (suspect tracks first).</summary>
    public long Evicted { get; private set; }

    /// <summary>Of <see cref="Evicted"/>, the tracks that were flagged spoof_suspected.</summary>
    public long EvictedSuspect { get; private set; }

    /// <summary>Radio addresses whose many UAS ids were folded into one track.</summary>
    public long FoldedMacs { get; private set; }

    /// <summary>UAS ids (changes of announced id) folded into a MAC's track instead of getting their own.</summary>
    public long FoldedIds { get; private set; }

    /// <summary>New ids folded into the flood track because the new-track budget was spent.</summary>
    public long FloodFoldedIds { get; private set; }

    /// <summary>Ids first folded into the flood track that got their own track when heard again.</summary>
    public long Promoted { get; private set; }

    /// <summary>New ids given their own track at the first frame, while the budget refused, as distinct from the flood.</summary>
    public long DistinctFromFlood { get; private set; }

    /// <summary>The flood's fingerprint (refused ids' RSSI band and MAC kind).</summary>
    public FloodFingerprint Fingerprint => _fingerprint;

    /// <summary>The new-track budget (refusal count for metrics and tests).</summary>
    public NewTrackBudget Budget => _budget;

    /// <summary>Processes one validated frame received at <paramref name="at"/>. False when it could not be attributed.</summary>
    public bool Process(in RemoteIdLine line, OdidFrame frame, DateTimeOffset at)
    {
        FixedAscii32 uas = default;
        for (var i = 0; i < frame.Count && uas.IsEmpty; i++)
        {
            if (OdidDecoder.TypeOf(frame[i]) == OdidMessageType.BasicId)
            {
                uas = TrackIdOf(OdidDecoder.DecodeBasicId(frame[i]));
            }
        }

        var track = Attribute(line, uas, at);
        if (track is null)
        {
            return false;
        }

        if (line.HasCounter && line.HasMac && frame.Count > 0)
        {
            Flag(track, _spoof.OnCounter(line.Mac, (byte)OdidDecoder.TypeOf(frame[0]), line.Counter));
        }

        // Identity and system facts first, so a pack's Location is published with the pack's operator and class.
        for (var i = 0; i < frame.Count; i++)
        {
            var m = frame[i];
            switch (OdidDecoder.TypeOf(m))
            {
                case OdidMessageType.BasicId:
                    Apply(track, OdidDecoder.DecodeBasicId(m));
                    break;
                case OdidMessageType.System:
                    Apply(track, OdidDecoder.DecodeSystem(m));
                    break;
            }
        }

        for (var i = 0; i < frame.Count; i++)
        {
            if (OdidDecoder.TypeOf(frame[i]) == OdidMessageType.Location)
            {
                Publish(track, OdidDecoder.DecodeLocation(frame[i]), line.RssiDbm, at);
            }
        }

        return true;
    }

    /// <summary>Processes one decoded Basic ID (a receiver that unpacks messages, e.g. MAVLink). False when unattributed.</summary>
    public bool ProcessBasicId(in RemoteIdLine line, in BasicIdMessage basic, DateTimeOffset at)
    {
        var track = Attribute(line, TrackIdOf(basic), at);
        if (track is not null)
        {
            Apply(track, basic);
        }

        return track is not null;
    }

    /// <summary>Processes one decoded System message. False when it could not be attributed.</summary>
    public bool ProcessSystem(in RemoteIdLine line, in SystemMessage system, DateTimeOffset at)
    {
        var track = Attribute(line, default, at);
        if (track is not null)
        {
            Apply(track, system);
        }

        return track is not null;
    }

    /// <summary>Processes one decoded Location and publishes its detection. False when it could not be attributed.</summary>
    public bool ProcessLocation(in RemoteIdLine line, in LocationMessage location, DateTimeOffset at)
    {
        var track = Attribute(line, default, at);
        if (track is not null)
        {
            Publish(track, location, line.RssiDbm, at);
        }

        return track is not null;
    }

    /// <summary>Drops tracks not heard from for the stale time; returns how many.</summary>
    public int DropStale(DateTimeOffset now)
    {
        var dropped = 0;
        foreach (var (key, track) in _tracks)
        {
            if (now.UtcTicks - track.LastSeenTicks > _staleTicks)
            {
                Remove(key, track);
                dropped++;
            }
        }

        return dropped;
    }

    private void SweepIfDue(DateTimeOffset at)
    {
        if (at.UtcTicks - _lastSweepTicks >= TimeSpan.TicksPerSecond)
        {
            _lastSweepTicks = at.UtcTicks;
            DropStale(at);
        }
    }

    private RemoteIdTrack? Attribute(in RemoteIdLine line, FixedAscii32 uas, DateTimeOffset at)
    {
        SweepIfDue(at);
        _lastSeenAt = at.UtcTicks;
        var track = Resolve(line, uas);
        if (track is null)
        {
            Unattributed++;
            return null;
        }

        track.LastSeenTicks = at.UtcTicks;
        return track;
    }

    private void Flag(RemoteIdTrack track, SpoofReasons reasons)
    {
        if ((reasons & ~track.Spoof) != 0)
        {
            track.Spoof |= reasons;
            _spoof.CountFlag();
        }
    }

    private static void Apply(RemoteIdTrack track, in BasicIdMessage basic)
    {
        if (basic.UaType != 0)
        {
            track.UaType = basic.UaType;
        }
    }

    private static void Apply(RemoteIdTrack track, in SystemMessage sys)
    {
        track.HasOperator = sys.HasOperatorPosition;
        track.OperatorLatitude = sys.OperatorLatitude;
        track.OperatorLongitude = sys.OperatorLongitude;
        track.EuCategory = sys.CategoryEu;
        track.EuClass = sys.ClassEu;
    }

    private RemoteIdTrack? Resolve(in RemoteIdLine line, FixedAscii32 uas)
    {
        if (uas.IsEmpty)
        {
            if (!line.HasMac)
            {
                return null;
            }

            if (_macToUas.TryGetValue(line.Mac, out var known) && _tracks.TryGetValue(known, out var byUas))
            {
                return byUas;
            }

            return GetOrAdd(MacKey(line.Mac), keyIsUasId: false, line);
        }

        var identity = line.HasMac ? _spoof.OnIdentity(line.Mac, uas, _lastSeenAt) : SpoofReasons.None;
        if ((identity & SpoofReasons.ManyIdsOneMac) != 0)
        {
            return Fold(line, uas, identity);
        }

        var track = GetOrAdd(uas, keyIsUasId: true, line);
        if (line.HasMac && !track.IsFlood)
        {
            Flag(track, identity);
            _macToUas[line.Mac] = uas;
            AdoptMacTrack(track, line.Mac);
        }

        return track;
    }

    /// <summary>
    /// A transmitter announcing a swarm of UAS ids: every id it announces joins ONE track under its MAC, so fusion
    /// raises one <c>drone_incursion</c> (spoof_suspected, with the count and latest of the ids) instead of one per id,
    /// and a flood of forged ids costs one track, not thousands. Nothing is dropped: each frame is still published.
    /// </summary>
    private RemoteIdTrack Fold(in RemoteIdLine line, FixedAscii32 uas, SpoofReasons reasons)
    {
        var macKey = MacKey(line.Mac);
        var folded = GetOrAdd(macKey, keyIsUasId: false, line);
        if (folded.IsFlood)
        {
            Flag(folded, reasons);
            return folded; // no budget for the MAC's own folded track either
        }

        if (!folded.Folded)
        {
            folded.Folded = true;
            FoldedMacs++;
        }

        Flag(folded, reasons);
        if (folded.FoldedId != uas)
        {
            folded.FoldedId = uas;
            folded.FoldedIds++;
            FoldedIds++;
        }

        _macToUas[line.Mac] = macKey;
        return folded;
    }

    private static FixedAscii32 MacKey(ulong mac)
    {
        FixedAscii32 macKey = default;
        Span<byte> text = stackalloc byte[17];
        macKey.Set(text[..RemoteIdLineParser.FormatMac(mac, text)]);
        return macKey;
    }

    private void AdoptMacTrack(RemoteIdTrack track, ulong mac)
    {
        // Messages that came before the Basic ID were filed under the MAC; their facts now belong to the UAS id.
        var macKey = MacKey(mac);
        if (_tracks.TryGetValue(macKey, out var early) && early != track)
        {
            if (!track.HasOperator && track.EuCategory == 0)
            {
                track.CopyStateFrom(early);
            }

            Remove(macKey, early);
        }
    }

    private RemoteIdTrack GetOrAdd(FixedAscii32 key, bool keyIsUasId, in RemoteIdLine line)
    {
        if (_tracks.TryGetValue(key, out var track))
        {
            return track;
        }

        // A key refused before and heard again is a transmitter that keeps its id: it gets its track without a token,
        // so a flood that spends the budget never keeps a real drone folded past its second frame.
        if (_refused.Take(key))
        {
            Promoted++;
        }
        else if (!_budget.TryTake(_lastSeenAt))
        {
            // An id the flood's transmitter cannot have sent is treated as in quiet air, from its own budget: a forger
            // who steps to another band gets at most that budget's burst before it refuses too and the band is learnt.
            if (_fingerprint.IsDistinct(line) && _distinctBudget.TryTake(_lastSeenAt))
            {
                DistinctFromFlood++;
                return NewTrack(key, keyIsUasId, line.HasMac, line.Mac);
            }

            _fingerprint.Observe(line);
            _refused.Add(key);
            return FoldNewId(key);
        }

        return NewTrack(key, keyIsUasId, line.HasMac, line.Mac);
    }

    /// <summary>
    /// The budget is spent: the new id joins the receiver's ONE flood track, so fusion raises one <c>drone_incursion</c>
    /// (spoof_suspected, <c>new_id_flood</c>, with the count and latest id) however many ids the flood invents.
    /// </summary>
    private RemoteIdTrack FoldNewId(FixedAscii32 key)
    {
        if (!_tracks.TryGetValue(s_floodKey, out var flood))
        {
            flood = NewTrack(s_floodKey, keyIsUasId: false, hasMac: false, mac: 0);
            flood.Folded = true;
            flood.IsFlood = true;
        }

        Flag(flood, SpoofReasons.NewIdFlood);
        flood.FoldedId = key;
        flood.FoldedIds++;
        FloodFoldedIds++;
        return flood;
    }

    private RemoteIdTrack NewTrack(FixedAscii32 key, bool keyIsUasId, bool hasMac, ulong mac)
    {
        if (_tracks.Count >= _maxTracks)
        {
            EvictOldest();
        }

        var track = _pool.Count > 0 ? _pool.Pop() : new RemoteIdTrack();
        track.Reset();
        track.Key = key;
        track.KeyIsUasId = keyIsUasId;
        track.HasMac = hasMac;
        track.Mac = mac;
        _tracks[key] = track;
        return track;
    }

    private void EvictOldest()
    {
        // Suspect tracks go first: a flood of forged ids must not push a plausible drone's track out.
        RemoteIdTrack? oldest = null;
        foreach (var t in _tracks.Values)
        {
            var suspect = t.Spoof != SpoofReasons.None;
            var oldestSuspect = oldest is not null && oldest.Spoof != SpoofReasons.None;
            if (oldest is null || (suspect && !oldestSuspect) || (suspect == oldestSuspect && t.LastSeenTicks < oldest.LastSeenTicks))
            {
                oldest = t;
            }
        }

        if (oldest is not null)
        {
            Evicted++;
            if (oldest.Spoof != SpoofReasons.None)
            {
                EvictedSuspect++;
            }

            Remove(oldest.Key, oldest);
        }
    }

    private void Remove(FixedAscii32 key, RemoteIdTrack track)
    {
        _tracks.Remove(key);
        if (track.HasMac && _macToUas.TryGetValue(track.Mac, out var mapped) && mapped == key)
        {
            _macToUas.Remove(track.Mac);
        }

        track.Reset();
        _pool.Push(track);
    }

    private void Publish(RemoteIdTrack track, in LocationMessage loc, float rssi, DateTimeOffset at)
    {
        var d = DroneData.Unknown;
        d.TrackId = track.Key;
        d.TrackKey = track.Key.StableHash();
        if (track.KeyIsUasId)
        {
            d.UasId = track.Key;
        }
        else if (track.Folded)
        {
            d.UasId = track.FoldedId; // the latest id the transmitter announced; the count says how many
            d.SpoofIdCount = track.FoldedIds;
        }

        var zone = -1;
        if (loc.HasPosition)
        {
            if (track.HasFix && RemoteIdSpoofSense.IsJump(track.FixLatitude, track.FixLongitude, track.FixTicks, loc.Latitude, loc.Longitude, at.UtcTicks))
            {
                Flag(track, SpoofReasons.SpeedJump);
            }

            track.HasFix = true;
            track.FixLatitude = loc.Latitude;
            track.FixLongitude = loc.Longitude;
            track.FixTicks = at.UtcTicks;
            d.HasPosition = true;
            d.Latitude = loc.Latitude;
            d.Longitude = loc.Longitude;
            zone = _site.LocateZone(loc.Latitude, loc.Longitude);
            if (_coverage is not null && !track.Folded && (zone >= 0 || _site.InGeofence(loc.Latitude, loc.Longitude))
                && _coverage.Observe(_sensorIndex, d.TrackKey, loc.Latitude, loc.Longitude, at.UtcTicks))
            {
                Flag(track, SpoofReasons.SingleReceiver);
            }
        }

        d.AltitudeM = float.IsNaN(loc.AltitudeGeoM) ? loc.AltitudeBaroM : loc.AltitudeGeoM;
        d.HeightM = loc.HeightM;
        d.SpeedMps = loc.SpeedHorizontalMps;
        d.HeadingDeg = loc.DirectionDeg;
        if (track.HasOperator)
        {
            d.HasOperator = true;
            d.OperatorLatitude = track.OperatorLatitude;
            d.OperatorLongitude = track.OperatorLongitude;
        }

        d.RssiDbm = rssi;
        d.Confidence = 1f; // the aircraft declares itself; nothing is guessed
        d.UaType = track.UaType;
        d.EuCategory = track.EuCategory;
        d.EuClass = track.EuClass;
        d.Classification = Classify(track.UaType);
        d.Spoof = track.Spoof;
        _sink.PublishDrone(new EventHeader(EventKind.DroneDetection, SensorFamily.RemoteId, _sensorIndex, zone, at), d);
        Published++;
    }

    private static DroneClass Classify(byte uaType) => uaType switch
    {
        1 or 6 => DroneClass.UavFixedWing, // aeroplane, glider [F3411-22 Table 4]
        2 or 3 => DroneClass.UavRotaryWing, // helicopter or multirotor, gyroplane
        _ => DroneClass.Uav,
    };

    private static FixedAscii32 TrackIdOf(in BasicIdMessage basic)
    {
        var id = default(FixedAscii32);
        if (!basic.IsBinaryId)
        {
            id = basic.UasId;
            return id;
        }

        // A UTM UUID is 16 bytes; 32 hex digits fill the inline id exactly.
        var raw = basic.UasId.Span;
        raw = raw[..Math.Min(raw.Length, FixedAscii32.Capacity / 2)];
        if (raw.IndexOfAnyExcept((byte)0) < 0)
        {
            return id;
        }

        Span<byte> text = stackalloc byte[FixedAscii32.Capacity];
        for (var i = 0; i < raw.Length; i++)
        {
            HexDigits.WriteByte(raw[i], text[(i * 2)..]);
        }

        id.Set(text[..(raw.Length * 2)]);
        return id;
    }
}
