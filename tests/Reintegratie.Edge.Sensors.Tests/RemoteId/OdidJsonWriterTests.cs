using System.Text.Json;
using Reintegratie.Edge.Sensors.RemoteId;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

public class OdidJsonWriterTests
{
    public static IEnumerable<object[]> VectorIds => ConformanceVectors.Ids();

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void WriteFrame_ConformanceVectorReferenceStyle_EqualsDecodedExactly(string id)
    {
        var vector = ConformanceVectors.Get(id);

        var actual = Decode(vector, OdidJsonStyle.Reference);

        JsonSemantic.AssertEqual(vector.GetProperty("decoded"), actual, nullMeansPlaceholder: false);
    }

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void WriteFrame_ConformanceVectorDefaultStyle_EqualsDecodedWithUnknownsAsNull(string id)
    {
        var vector = ConformanceVectors.Get(id);

        var actual = Decode(vector, OdidJsonStyle.UnknownAsNull);

        JsonSemantic.AssertEqual(vector.GetProperty("decoded"), actual, nullMeansPlaceholder: true);
    }

    [Fact]
    public void WriteFrame_AllUnknownLocation_WritesNullNotPlaceholders()
    {
        var frame = ConformanceVectors.Bytes(ConformanceVectors.Get("location_all_unknown_sentinels"));

        var json = Write(frame, OdidJsonStyle.UnknownAsNull);

        using var doc = JsonDocument.Parse(json);
        foreach (var field in new[] { "direction_deg", "speed_horizontal_mps", "speed_vertical_mps", "latitude", "longitude", "altitude_baro_m", "altitude_geo_m", "height_m", "timestamp_s_after_hour" })
        {
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty(field).ValueKind);
        }
    }

    [Fact]
    public void WriteFrame_Pack_WritesMessagePackWithMessagesArray()
    {
        var frame = ConformanceVectors.Bytes(ConformanceVectors.Get("pack_basic_loc"));

        using var doc = JsonDocument.Parse(Write(frame, OdidJsonStyle.UnknownAsNull));

        Assert.Equal("MessagePack", doc.RootElement.GetProperty("msg_type").GetString());
        var types = doc.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("msg_type").GetString()!).ToArray();
        Assert.Equal(new[] { "BasicID", "Location" }, types);
    }

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void WriteFrame_SingleMessage_MsgTypeMatchesVector(string id)
    {
        var vector = ConformanceVectors.Get(id);

        using var doc = JsonDocument.Parse(Write(ConformanceVectors.Bytes(vector), OdidJsonStyle.UnknownAsNull));

        Assert.Equal(vector.GetProperty("msg_type").GetString(), doc.RootElement.GetProperty("msg_type").GetString());
    }

    /// <summary>Our output reshaped like the vectors' <c>decoded</c>: msg_type removed; pack messages keyed by kind.</summary>
    internal static JsonElement Decode(JsonElement vector, OdidJsonStyle style)
    {
        using var doc = JsonDocument.Parse(Write(ConformanceVectors.Bytes(vector), style));
        var root = doc.RootElement;
        var shaped = new Dictionary<string, JsonElement>();
        if (root.GetProperty("msg_type").GetString() != "MessagePack")
        {
            return WithoutMsgType(root);
        }

        var basicIds = 0;
        foreach (var m in root.GetProperty("messages").EnumerateArray())
        {
            var key = m.GetProperty("msg_type").GetString() switch
            {
                "BasicID" => $"basic_id_{basicIds++}",
                "Location" => "location",
                "SelfID" => "self_id",
                "System" => "system",
                "OperatorID" => "operator_id",
                var other => $"auth_{m.GetProperty("data_page").GetInt32()}_{other}",
            };
            shaped[key] = WithoutMsgType(m);
        }

        return JsonSerializer.SerializeToElement(shaped);
    }

    private static JsonElement WithoutMsgType(JsonElement o) =>
        JsonSerializer.SerializeToElement(o.EnumerateObject().Where(p => p.Name != "msg_type").ToDictionary(p => p.Name, p => p.Value.Clone()));

    private static string Write(byte[] bytes, OdidJsonStyle style)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            OdidJsonWriter.WriteFrame(writer, OdidFrame.Parse(bytes), style);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
