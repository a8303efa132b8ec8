using System.Globalization;
using System.Text.Json;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// One JSON object per Remote ID frame found in a capture (what <c>edgectl decode pcap</c> prints):
/// <c>{"time", "transport", "mac", "rssi", "counter", "message"}</c>, where <c>message</c> is exactly what
/// <c>edgectl decode odid</c> prints for the frame; a missing MAC or RSSI is null.
/// </summary>
public static class CaptureJsonWriter
{
    /// <summary>Writes one object.</summary>
    public static void Write(Utf8JsonWriter writer, DateTimeOffset time, in RemoteIdCapture rid, OdidFrame frame, OdidJsonStyle style)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("time", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        writer.WriteString("transport", TransportName(rid.Transport));
        if (rid.HasMac)
        {
            Span<byte> mac = stackalloc byte[17];
            writer.WriteString("mac", mac[..RemoteIdLineParser.FormatMac(rid.Mac, mac)]);
        }
        else
        {
            writer.WriteNull("mac");
        }

        if (float.IsNaN(rid.RssiDbm))
        {
            writer.WriteNull("rssi");
        }
        else
        {
            writer.WriteNumber("rssi", rid.RssiDbm);
        }

        writer.WriteNumber("counter", rid.Counter);
        writer.WritePropertyName("message");
        OdidJsonWriter.WriteFrame(writer, frame, style);
        writer.WriteEndObject();
    }

    /// <summary>The transport as the line format names it (<c>BT4</c>, <c>BT5</c>, <c>WIFI_BEACON</c>, <c>WIFI_NAN</c>).</summary>
    public static string TransportName(RidTransport transport) => transport switch
    {
        RidTransport.Bt4 => "BT4",
        RidTransport.Bt5 => "BT5",
        RidTransport.WifiBeacon => "WIFI_BEACON",
        RidTransport.WifiNan => "WIFI_NAN",
        _ => "UNKNOWN",
    };
}
