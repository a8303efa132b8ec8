using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RemoteId.Mavlink;

namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// The MAVLink 2 reader of <c>Format: mavlink</c>: the input is a byte stream cut by <see cref="MavlinkFramer"/> (fed in
/// two chunks, so frames straddle a read); every frame is re-parsed on its own and must come out the same, and every
/// OPEN_DRONE_ID_* payload goes through <see cref="MavlinkOdidDecoder"/> and, for packs, the track assembler.
/// Rejection: a counted <see cref="MavlinkReject"/>.
/// </summary>
internal sealed class MavlinkFrameTarget : IFuzzTarget
{
    // Created on first use: instrumented code must not run before Fuzzer.Run maps afl's coverage memory.
    private Handler? _handler;

    public string Name => "mavlink";

    public string Description => "MAVLink 2 stream -> MavlinkFramer, MavlinkFrame.TryParse, MavlinkOdidDecoder, track assembler";

    public void Run(ReadOnlySpan<byte> input)
    {
        _handler ??= new Handler();
        var framer = new MavlinkFramer(_handler);
        var half = input.Length / 2;
        framer.Feed(input[..half]);
        framer.Feed(input[half..]);
        if (framer.Frames + framer.BadCrc + framer.Unverifiable + framer.Malformed > input.Length)
        {
            throw new FuzzContractException("MavlinkFramer counted more frames than there are bytes");
        }
    }

    public void WriteSeeds(SeedSources sources, SeedWriter corpus)
    {
        var all = new List<byte>();
        foreach (var (id, bytes) in sources.MavlinkVectors())
        {
            corpus.Add(id, bytes);
            all.AddRange(bytes);
        }

        corpus.Add("session", all.ToArray());
    }

    private sealed class Handler : IMavlinkFrameHandler
    {
        private readonly RemoteIdTracks _tracks = new();
        private readonly byte[] _payload = new byte[255];
        private readonly byte[] _pack = new byte[OdidFrame.MaxFrameSize];

        public void OnFrame(in MavlinkFrame frame)
        {
            Span<byte> copy = stackalloc byte[MavlinkFrame.MaxFrameSize];
            var length = MavlinkFrame.HeaderSize + frame.Payload.Length + MavlinkFrame.ChecksumSize;
            if (MavlinkFrame.TryParse(Rebuild(frame, copy[..length]), out var again, out _) != MavlinkReject.None
                || again.MessageId != frame.MessageId || !again.Payload.SequenceEqual(frame.Payload))
            {
                throw new FuzzContractException("a frame the framer delivered does not parse the same on its own");
            }

            if (!MavlinkMessageInfo.TryGet(frame.MessageId, out _, out var full))
            {
                throw new FuzzContractException($"the framer delivered message id {frame.MessageId} it cannot check");
            }

            var p = _payload.AsSpan(0, full);
            frame.CopyPayload(p);
            _ = MavlinkOdidDecoder.TryMac(p, frame.MessageId, out _);
            switch (frame.MessageId)
            {
                case MavlinkMessageInfo.OpenDroneIdBasicId: _ = MavlinkOdidDecoder.DecodeBasicId(p); break;
                case MavlinkMessageInfo.OpenDroneIdLocation: _ = MavlinkOdidDecoder.DecodeLocation(p); break;
                case MavlinkMessageInfo.OpenDroneIdAuthentication: _ = MavlinkOdidDecoder.DecodeAuth(p); break;
                case MavlinkMessageInfo.OpenDroneIdSelfId: _ = MavlinkOdidDecoder.DecodeSelfId(p); break;
                case MavlinkMessageInfo.OpenDroneIdSystem: _ = MavlinkOdidDecoder.DecodeSystem(p); break;
                case MavlinkMessageInfo.OpenDroneIdOperatorId: _ = MavlinkOdidDecoder.DecodeOperatorId(p); break;
                case MavlinkMessageInfo.OpenDroneIdMessagePack:
                    var n = MavlinkOdidDecoder.DecodeMessagePack(p, _pack, out _);
                    if (n > 0 && OdidFrame.TryParse(_pack.AsSpan(0, n), out var odid, out _))
                    {
                        _tracks.Process(default, odid);
                    }

                    break;
                default: break;
            }
        }

        public void OnRejected(MavlinkReject reason, ReadOnlySpan<byte> bytes)
        {
            if (reason is MavlinkReject.None or MavlinkReject.NeedMore || bytes.IsEmpty)
            {
                throw new FuzzContractException($"rejection {reason} with {bytes.Length} bytes");
            }
        }

        private static ReadOnlySpan<byte> Rebuild(in MavlinkFrame frame, Span<byte> dest)
        {
            // Header and payload as received; the checksum recomputed, which must equal the one the framer checked.
            dest[0] = MavlinkFrame.StartByte;
            dest[1] = (byte)frame.Payload.Length;
            dest[2] = frame.IncompatibilityFlags;
            dest[3] = frame.CompatibilityFlags;
            dest[4] = frame.Sequence;
            dest[5] = frame.SystemId;
            dest[6] = frame.ComponentId;
            dest[7] = (byte)frame.MessageId;
            dest[8] = (byte)(frame.MessageId >> 8);
            dest[9] = (byte)(frame.MessageId >> 16);
            frame.Payload.CopyTo(dest[MavlinkFrame.HeaderSize..]);
            MavlinkMessageInfo.TryGet(frame.MessageId, out var extra, out _);
            var crc = MavlinkCrc.Compute(dest[1..(MavlinkFrame.HeaderSize + frame.Payload.Length)], extra);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(dest[(MavlinkFrame.HeaderSize + frame.Payload.Length)..], crc);
            return dest;
        }
    }
}
