using System.Buffers;
using System.Text.Json;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal.Writing;
using Reintegratie.Edge.Mqtt.Payloads;

namespace Reintegratie.Edge.Mqtt.Events;

/// <summary>
/// Formats the <c>…/events/{kind}</c> payload (docs/MQTT.md): an envelope with the event id, time, kind, family,
/// sensor and zone ids, and <c>data</c>, the journal's own event object (<see cref="EventPayloadWriter"/>), so a
/// subscriber and the journal see the same fields. One instance per thread: it reuses its buffer.
/// </summary>
public sealed class EventPayload : IDisposable
{
    private readonly SiteModel _site;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    /// <summary>Creates a formatter for <paramref name="site"/> (sensor and zone ids).</summary>
    public EventPayload(SiteModel site)
    {
        ArgumentNullException.ThrowIfNull(site);
        _site = site;
        _writer = new Utf8JsonWriter(_buffer);
    }

    /// <summary>The UTF-8 JSON payload of <paramref name="e"/>.</summary>
    public byte[] Format(SensorEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        var w = _writer;
        w.WriteStartObject();
        w.WriteNumber("event_id", e.EventId);
        w.WriteString("at", e.At.UtcDateTime);
        w.WriteString("kind", e.Kind.ToCode());
        w.WriteString("family", PayloadFormatter.FamilyCode(e.Family));
        w.WriteString("sensor", _site.SensorId(e.SensorIndex));
        if (_site.ZoneId(e.ZoneIndex) is { } zone)
        {
            w.WriteString("zone", zone);
        }
        else
        {
            w.WriteNull("zone");
        }

        w.WritePropertyName("data");
        EventPayloadWriter.Write(w, e);
        w.WriteEndObject();
        w.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
