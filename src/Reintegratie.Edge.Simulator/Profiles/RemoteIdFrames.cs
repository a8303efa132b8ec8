using System.Globalization;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>Builds the encoded messages of one simulated broadcast and the receiver lines that carry them.</summary>
public static class RemoteIdFrames
{
    /// <summary>Basic ID, Location, System and (when an operator is given) Operator ID, 25 bytes each.</summary>
    public static byte[] Build(RemoteIdFlightArgs args, double lat, double lon, float speedMps, float headingDeg, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(args);
        var hasOperator = !double.IsNaN(args.OperatorLat);
        var buf = new byte[(hasOperator ? 4 : 3) * OdidFrame.MessageSize];
        OdidEncoder.Encode(new BasicIdMessage { ProtocolVersion = 2, IdType = 1, UaType = 2, UasId = FixedAscii32.From(args.UasId) }, buf);
        var utc = now.UtcDateTime;
        OdidEncoder.Encode(
            new LocationMessage
            {
                ProtocolVersion = 2, Status = 2, HeightType = 0, DirectionDeg = headingDeg, SpeedHorizontalMps = speedMps, SpeedVerticalMps = 0,
                Latitude = lat, Longitude = lon, AltitudeBaroM = args.AltitudeM, AltitudeGeoM = args.AltitudeM, HeightM = args.AltitudeM,
                HorizAccuracy = 10, VertAccuracy = 4, BaroAccuracy = 3, SpeedAccuracy = 3, TsAccuracy = 1,
                TimestampSAfterHour = (float)((utc.Minute * 60) + utc.Second + (utc.Millisecond / 1000.0)),
            },
            buf.AsSpan(25));
        OdidEncoder.Encode(
            new SystemMessage
            {
                ProtocolVersion = 2, OperatorLocationType = 1, ClassificationType = 1, OperatorLatitude = args.OperatorLat, OperatorLongitude = args.OperatorLon,
                AreaCount = 1, AreaRadiusM = 0, AreaCeilingM = float.NaN, AreaFloorM = float.NaN, CategoryEu = 1, ClassEu = 2,
                OperatorAltitudeGeoM = float.NaN, TimestampSince2019 = (uint)Math.Max(0, now.ToUnixTimeSeconds() - SystemMessage.Epoch2019Unix),
            },
            buf.AsSpan(50));
        if (hasOperator)
        {
            OdidEncoder.Encode(new OperatorIdMessage { ProtocolVersion = 2, OperatorIdType = 0, OperatorId = FixedAscii32.From("NLDsim0000000001") }, buf.AsSpan(75));
        }

        return buf;
    }

    /// <summary>The receiver lines: one pack line, or one line per message (Bluetooth 4 style).</summary>
    public static IEnumerable<string> Lines(byte[] messages, bool asPack, string transport, ulong mac)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var macText = string.Join(':', Enumerable.Range(0, 6).Select(i => ((byte)(mac >> (8 * (5 - i)))).ToString("X2", CultureInfo.InvariantCulture)));
        var rssi = -60 - (int)(mac % 20);
        if (asPack)
        {
            var pack = new byte[OdidFrame.PackHeaderSize + messages.Length];
            OdidEncoder.EncodePack(messages, pack);
            yield return $"RID,{transport},{rssi},{macText},{Convert.ToHexStringLower(pack)}";
            yield break;
        }

        for (var i = 0; i < messages.Length; i += OdidFrame.MessageSize)
        {
            yield return $"RID,{transport},{rssi},{macText},{Convert.ToHexStringLower(messages.AsSpan(i, OdidFrame.MessageSize))}";
        }
    }
}
