using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

/// <summary>Remote ID frames for the track tests: a pack of Basic ID + Location, or a lone Location.</summary>
internal static class RemoteIdPacks
{
    public static OdidFrame Pack(string uasId, double lat, double lon) => OdidFrame.Parse(PackBytes(uasId, lat, lon));

    /// <summary>The bytes of <see cref="Pack"/>, for tests that prepare frames before they measure.</summary>
    public static byte[] PackBytes(string uasId, double lat, double lon)
    {
        var messages = new byte[2 * OdidFrame.MessageSize];
        var basic = new BasicIdMessage { ProtocolVersion = 2, IdType = 1, UaType = 2 };
        basic.UasId.Set(uasId);
        OdidEncoder.Encode(basic, messages);
        Location(lat, lon, messages.AsSpan(OdidFrame.MessageSize));
        var pack = new byte[OdidFrame.MaxFrameSize];
        return pack[..OdidEncoder.EncodePack(messages, pack)];
    }

    public static OdidFrame LocationOnly(double lat, double lon)
    {
        var message = new byte[OdidFrame.MessageSize];
        Location(lat, lon, message);
        return OdidFrame.Parse(message);
    }

    private static void Location(double lat, double lon, Span<byte> into)
    {
        var loc = new LocationMessage
        {
            ProtocolVersion = 2, Status = 2, Latitude = lat, Longitude = lon, DirectionDeg = float.NaN, SpeedHorizontalMps = float.NaN,
            SpeedVerticalMps = float.NaN, AltitudeBaroM = float.NaN, AltitudeGeoM = 60, HeightM = float.NaN, TimestampSAfterHour = float.NaN,
        };
        OdidEncoder.Encode(loc, into);
    }
}
