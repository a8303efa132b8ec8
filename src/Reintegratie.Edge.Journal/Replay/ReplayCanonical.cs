using System.Text.Json.Nodes;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Replay;

/// <summary>
/// The text two lifecycle messages are compared by: the message as <see cref="AlertJson"/> writes it, with every time
/// cut to microseconds. The journal keeps event times to the microsecond (<see cref="JournalTime"/>), so the replay's
/// times are those cut times; the gateway's own were finer.
/// </summary>
internal static class ReplayCanonical
{
    public static string Of(AlertChange change)
    {
        var node = JsonNode.Parse(AlertJson.ToUtf8(change))!;
        return CutTimes(node)!.ToJsonString();
    }

    /// <summary>The top-level and <c>after.*</c> / <c>before.*</c> fields in which two canonical texts differ.</summary>
    public static List<string> Differences(string journaled, string replayed)
    {
        var a = JsonNode.Parse(journaled)!.AsObject();
        var b = JsonNode.Parse(replayed)!.AsObject();
        var fields = new List<string>();
        foreach (var name in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
        {
            var x = a[name];
            var y = b[name];
            if (x is JsonObject ox && y is JsonObject oy)
            {
                fields.AddRange(ox.Select(p => p.Key).Union(oy.Select(p => p.Key))
                    .Where(k => !JsonNode.DeepEquals(ox[k], oy[k])).Select(k => $"{name}.{k}"));
            }
            else if (!JsonNode.DeepEquals(x, y))
            {
                fields.Add(name);
            }
        }

        return fields;
    }

    private static JsonNode? CutTimes(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    o[key] = CutTimes(o[key]?.DeepClone());
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    a[i] = CutTimes(a[i]?.DeepClone());
                }

                return a;
            case JsonValue v when v.TryGetValue<string>(out var s) && LooksLikeTime(s) && JournalTime.TryParse(s, out var at):
                return JsonValue.Create(JournalTime.ToText(at));
            default:
                return node;
        }
    }

    private static bool LooksLikeTime(string s) =>
        s.Length >= 20 && char.IsAsciiDigit(s[0]) && s[4] == '-' && s[7] == '-' && s[10] == 'T';
}
