using System.Buffers;
using System.Text.Json;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// One reusable buffer that formats a row's JSON payload (an event or a fusion note); the span it returns is valid
/// until the next call. No allocation per row once the buffer has grown.
/// </summary>
internal sealed class PayloadBuffer : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private readonly Utf8JsonWriter _json;

    public PayloadBuffer() => _json = new Utf8JsonWriter(_buffer);

    /// <summary>The event's payload (<see cref="EventPayloadWriter"/>).</summary>
    public ReadOnlySpan<byte> Event(SensorEvent e)
    {
        Reset();
        EventPayloadWriter.Write(_json, e);
        _json.Flush();
        return _buffer.WrittenSpan;
    }

    /// <summary>The note's payload: <c>{"kind","zone","detail","alert_id"}</c>.</summary>
    public ReadOnlySpan<byte> Note(JournalNote note)
    {
        Reset();
        _json.WriteStartObject();
        _json.WriteString("kind", note.Kind);
        _json.WriteString("zone", note.Zone);
        _json.WriteString("detail", note.Detail);
        _json.WriteString("alert_id", note.AlertId);
        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenSpan;
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    private void Reset()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
    }
}
