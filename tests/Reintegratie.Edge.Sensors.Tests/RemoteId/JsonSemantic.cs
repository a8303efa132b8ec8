using System.Text.Json;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

/// <summary>Semantic JSON comparison: same keys, equal strings, numbers equal within a tolerance.</summary>
internal static class JsonSemantic
{
    /// <summary>Field -> the reference decoder's "unknown" placeholder, which our default output writes as null.</summary>
    public static readonly IReadOnlyDictionary<string, double> Placeholders = new Dictionary<string, double>
    {
        ["direction_deg"] = 361,
        ["speed_horizontal_mps"] = 255,
        ["speed_vertical_mps"] = 63,
        ["latitude"] = 0,
        ["longitude"] = 0,
        ["operator_latitude"] = 0,
        ["operator_longitude"] = 0,
        ["altitude_baro_m"] = -1000,
        ["altitude_geo_m"] = -1000,
        ["height_m"] = -1000,
        ["area_ceiling_m"] = -1000,
        ["area_floor_m"] = -1000,
        ["operator_altitude_geo_m"] = -1000,
        ["timestamp_s_after_hour"] = 65535,
    };

    /// <summary>Asserts <paramref name="actual"/> equals <paramref name="expected"/>; with <paramref name="nullMeansPlaceholder"/>, a null
    /// in actual must stand where expected has that field's placeholder.</summary>
    public static void AssertEqual(JsonElement expected, JsonElement actual, bool nullMeansPlaceholder, string path = "$")
    {
        if (actual.ValueKind == JsonValueKind.Null && nullMeansPlaceholder)
        {
            var field = path[(path.LastIndexOf('.') + 1)..];
            Assert.True(Placeholders.TryGetValue(field, out var placeholder), $"{path}: null but the field has no unknown placeholder");
            Assert.Equal(JsonValueKind.Number, expected.ValueKind);
            Assert.True(Math.Abs(expected.GetDouble() - placeholder) < 1e-9, $"{path}: null but expected {expected.GetDouble()}");
            return;
        }

        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: expected {expected.ValueKind} but got {actual.ValueKind}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).Order().ToArray();
                var actualKeys = actual.EnumerateObject().Select(p => p.Name).Order().ToArray();
                Assert.True(expectedKeys.SequenceEqual(actualKeys), $"{path}: keys [{string.Join(",", expectedKeys)}] vs [{string.Join(",", actualKeys)}]");
                foreach (var p in expected.EnumerateObject())
                {
                    AssertEqual(p.Value, actual.GetProperty(p.Name), nullMeansPlaceholder, $"{path}.{p.Name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    AssertEqual(expected[i], actual[i], nullMeansPlaceholder, $"{path}[{i}]");
                }

                break;
            case JsonValueKind.Number:
                var e = expected.GetDouble();
                var a = actual.GetDouble();
                Assert.True(Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Abs(e)), $"{path}: expected {e} but got {a}");
                break;
            default:
                Assert.True(expected.ToString() == actual.ToString(), $"{path}: expected '{expected}' but got '{actual}'");
                break;
        }
    }
}
