using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// What the Remote ID adapter does with a valid frame: decode each message and feed the track assembler, on a clock
/// that advances one second per frame so stale tracks are swept too.
/// </summary>
internal sealed class RemoteIdTracks
{
    private readonly RemoteIdTrackAssembler _assembler =
        new(FuzzSite.Model, new DiscardingSink(), sensorIndex: 0, staleAfter: TimeSpan.FromSeconds(30), maxTracks: 64);

    private DateTimeOffset _at = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static void DecodeAll(OdidFrame frame)
    {
        for (var i = 0; i < frame.Count; i++)
        {
            var m = frame[i];
            switch (OdidDecoder.TypeOf(m))
            {
                case OdidMessageType.BasicId: _ = OdidDecoder.DecodeBasicId(m); break;
                case OdidMessageType.Location: _ = OdidDecoder.DecodeLocation(m); break;
                case OdidMessageType.Auth: _ = OdidDecoder.DecodeAuth(m); break;
                case OdidMessageType.SelfId: _ = OdidDecoder.DecodeSelfId(m); break;
                case OdidMessageType.System: _ = OdidDecoder.DecodeSystem(m); break;
                case OdidMessageType.OperatorId: _ = OdidDecoder.DecodeOperatorId(m); break;
                default: break;
            }
        }
    }

    public void Process(in RemoteIdLine line, OdidFrame frame)
    {
        _at = _at.AddSeconds(1);
        _assembler.Process(line, frame, _at);
        if (_at.Second == 0)
        {
            _assembler.DropStale(_at);
        }
    }

    private sealed class DiscardingSink : IEventSink
    {
        public bool PublishDrone(in EventHeader header, in DroneData drone) => true;

        public bool PublishPerimeter(in EventHeader header, in PerimeterData perimeter) => true;

        public bool PublishHealth(in EventHeader header, in HealthData health) => true;

        public bool PublishHandset(in EventHeader header, in HandsetData handset) => true;

        public bool PublishObject(in EventHeader header, object attachment) => true;
    }
}
