using System.Text.Json;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RemoteId.Mavlink;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Mavlink;

public class MavlinkOdidDecoderTests
{
    [Fact]
    public void DecodeBasicId_SerialVector_ExactFieldsAndMac()
    {
        var (p, f) = Payload("basic_id_serial");

        var msg = MavlinkOdidDecoder.DecodeBasicId(p);

        Assert.Equal(f.GetProperty("idType").GetByte(), msg.IdType);
        Assert.Equal(f.GetProperty("uaType").GetByte(), msg.UaType);
        Assert.Equal("1581F5FKD229400TEST", msg.UasId.ToString());
        Assert.True(MavlinkOdidDecoder.TryMac(p, MavlinkMessageInfo.OpenDroneIdBasicId, out var mac));
        Assert.Equal(0x024FAABBCC01UL, mac);
    }

    [Fact]
    public void DecodeBasicId_EmptyIdOrMac_NoMac()
    {
        var (p, _) = Payload("basic_id_no_mac");

        Assert.Equal("NLD-RPAS-000042", MavlinkOdidDecoder.DecodeBasicId(p).UasId.ToString());
        Assert.False(MavlinkOdidDecoder.TryMac(p, MavlinkMessageInfo.OpenDroneIdBasicId, out _));
    }

    [Theory]
    [InlineData("location_airborne")]
    [InlineData("location_south_west_descending")]
    public void DecodeLocation_Vector_ExactFields(string id)
    {
        var (p, f) = Payload(id);

        var msg = MavlinkOdidDecoder.DecodeLocation(p);

        Assert.Equal(f.GetProperty("latitude").GetInt32(), (int)Math.Round(msg.Latitude * 1e7));
        Assert.Equal(f.GetProperty("longitude").GetInt32(), (int)Math.Round(msg.Longitude * 1e7));
        Assert.Equal(f.GetProperty("altitudeBarometric").GetSingle(), msg.AltitudeBaroM);
        Assert.Equal(f.GetProperty("altitudeGeodetic").GetSingle(), msg.AltitudeGeoM);
        Assert.Equal(f.GetProperty("height").GetSingle(), msg.HeightM);
        Assert.Equal(f.GetProperty("timestamp").GetSingle(), msg.TimestampSAfterHour);
        Assert.Equal(f.GetProperty("direction").GetInt32(), (int)MathF.Round(msg.DirectionDeg * 100));
        Assert.Equal(f.GetProperty("speedHorizontal").GetInt32(), (int)MathF.Round(msg.SpeedHorizontalMps * 100));
        Assert.Equal(f.GetProperty("speedVertical").GetInt32(), (int)MathF.Round(msg.SpeedVerticalMps * 100));
        Assert.Equal(f.GetProperty("status").GetByte(), msg.Status);
        Assert.Equal(f.GetProperty("heightReference").GetByte(), msg.HeightType);
        Assert.Equal(f.GetProperty("horizontalAccuracy").GetByte(), msg.HorizAccuracy);
        Assert.Equal(f.GetProperty("verticalAccuracy").GetByte(), msg.VertAccuracy);
        Assert.Equal(f.GetProperty("barometerAccuracy").GetByte(), msg.BaroAccuracy);
        Assert.Equal(f.GetProperty("speedAccuracy").GetByte(), msg.SpeedAccuracy);
        Assert.Equal(f.GetProperty("timestampAccuracy").GetByte(), msg.TsAccuracy);
    }

    [Fact]
    public void DecodeLocation_UnknownCodes_AllNaN()
    {
        var (p, _) = Payload("location_unknowns");

        var msg = MavlinkOdidDecoder.DecodeLocation(p);

        Assert.False(msg.HasPosition);
        Assert.True(float.IsNaN(msg.AltitudeBaroM) && float.IsNaN(msg.AltitudeGeoM) && float.IsNaN(msg.HeightM));
        Assert.True(float.IsNaN(msg.DirectionDeg) && float.IsNaN(msg.SpeedHorizontalMps) && float.IsNaN(msg.SpeedVerticalMps));
        Assert.True(float.IsNaN(msg.TimestampSAfterHour));
    }

    [Fact]
    public void DecodeAuth_Page0_ExactFields()
    {
        var (p, f) = Payload("authentication_page0");

        var msg = MavlinkOdidDecoder.DecodeAuth(p);

        Assert.Equal(f.GetProperty("timestamp").GetUInt32(), msg.TimestampSince2019);
        Assert.Equal(f.GetProperty("authenticationType").GetByte(), msg.AuthType);
        Assert.Equal(f.GetProperty("dataPage").GetByte(), msg.DataPage);
        Assert.Equal(f.GetProperty("lastPageIndex").GetByte(), msg.LastPageIndex);
        Assert.Equal(f.GetProperty("length").GetByte(), msg.Length);
        Assert.Equal(MavlinkVectors.Array(f.GetProperty("authenticationData"))[..17], msg.DataSpan.ToArray());
    }

    [Fact]
    public void DecodeSelfId_Vector_ExactText()
    {
        var (p, f) = Payload("self_id");

        var msg = MavlinkOdidDecoder.DecodeSelfId(p);

        Assert.Equal(f.GetProperty("descriptionType").GetByte(), msg.DescType);
        Assert.Equal(f.GetProperty("description").GetString(), msg.Description.ToString());
    }

    [Fact]
    public void DecodeSystem_Vector_ExactFields()
    {
        var (p, f) = Payload("system_operator");

        var msg = MavlinkOdidDecoder.DecodeSystem(p);

        Assert.Equal(f.GetProperty("operatorLatitude").GetInt32(), (int)Math.Round(msg.OperatorLatitude * 1e7));
        Assert.Equal(f.GetProperty("operatorLongitude").GetInt32(), (int)Math.Round(msg.OperatorLongitude * 1e7));
        Assert.True(float.IsNaN(msg.AreaCeilingM) && float.IsNaN(msg.AreaFloorM)); // -1000: unknown
        Assert.Equal(f.GetProperty("operatorAltitudeGeo").GetSingle(), msg.OperatorAltitudeGeoM);
        Assert.Equal(f.GetProperty("timestamp").GetUInt32(), msg.TimestampSince2019);
        Assert.Equal(f.GetProperty("areaCount").GetUInt16(), msg.AreaCount);
        Assert.Equal(f.GetProperty("areaRadius").GetInt32(), msg.AreaRadiusM);
        Assert.Equal(f.GetProperty("operatorLocationType").GetByte(), msg.OperatorLocationType);
        Assert.Equal(f.GetProperty("classificationType").GetByte(), msg.ClassificationType);
        Assert.Equal(f.GetProperty("categoryEu").GetByte(), msg.CategoryEu);
        Assert.Equal(f.GetProperty("classEu").GetByte(), msg.ClassEu);
    }

    [Fact]
    public void DecodeOperatorId_Vector_ExactText()
    {
        var (p, f) = Payload("operator_id");

        var msg = MavlinkOdidDecoder.DecodeOperatorId(p);

        Assert.Equal(f.GetProperty("operatorIdType").GetByte(), msg.OperatorIdType);
        Assert.Equal(f.GetProperty("operatorId").GetString(), msg.OperatorId.ToString());
    }

    [Fact]
    public void DecodeMessagePack_Vector_TheConformanceMessagesInAnAirPack()
    {
        var (p, f) = Payload("message_pack");
        Span<byte> pack = stackalloc byte[OdidFrame.MaxFrameSize];

        var n = MavlinkOdidDecoder.DecodeMessagePack(p, pack, out var error);

        Assert.Null(error);
        var frame = OdidFrame.Parse(pack[..n]);
        Assert.Equal(f.GetProperty("msgPackSize").GetInt32(), frame.Count);
        Assert.Equal(MavlinkVectors.Array(f.GetProperty("messages"))[..75], pack[3..n].ToArray());
        Assert.Equal("1581F5FKD229400TEST", OdidDecoder.DecodeBasicId(frame[0]).UasId.ToString());
    }

    [Fact]
    public void DecodeMessagePack_WrongSingleMessageSize_ReasonNotException()
    {
        var (p, _) = Payload("message_pack");
        p[22] = 24;

        Assert.Equal(0, MavlinkOdidDecoder.DecodeMessagePack(p, new byte[OdidFrame.MaxFrameSize], out var error));
        Assert.Contains("single_message_size 25", error, StringComparison.Ordinal);
    }

    private static (byte[] Payload, JsonElement Fields) Payload(string id)
    {
        var v = MavlinkVectors.Get(id);
        Assert.Equal(MavlinkReject.None, MavlinkFrame.TryParse(MavlinkVectors.Bytes(v), out var frame, out _));
        Assert.True(MavlinkMessageInfo.TryGet(frame.MessageId, out _, out var full));
        var payload = new byte[full];
        frame.CopyPayload(payload);
        return (payload, v.GetProperty("fields"));
    }
}
