using System.Text.Json;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// Writes an event's journal payload: a JSON object per kind, snake_case names, unknown numbers as null. Personal
/// identifiers appear only as pseudonyms (<see cref="Pseudonym.ToString"/>); the slot never carries raw ones. Shared with
/// the MQTT events stage (<c>…/events/{kind}</c>), so the journal row and the event message carry the same object.
/// </summary>
public static class EventPayloadWriter
{
    /// <summary>Writes the payload of <paramref name="e"/>.</summary>
    public static void Write(Utf8JsonWriter w, SensorEvent e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        w.WriteStartObject();
        switch (e.Kind)
        {
            case EventKind.DroneDetection:
                WriteDrone(w, in e.Drone);
                break;
            case EventKind.Perimeter:
                WritePerimeter(w, in e.Perimeter);
                break;
            case EventKind.SensorHealth or EventKind.Gateway:
                w.WriteString("status", EnumCode<SensorStatus>.Of(e.Health.Status));
                w.WriteString("previous", EnumCode<SensorStatus>.Of(e.Health.Previous));
                w.WriteString("reason", e.Health.Reason.Span);
                break;
            case EventKind.Handset:
                WriteHandset(w, in e.Handset);
                break;
            case EventKind.Bodycam when e.Attachment is BodycamRecording r:
                WriteBodycam(w, r);
                break;
            case EventKind.Command when e.Attachment is OperatorCommand c:
                WriteCommand(w, c);
                break;
            default:
                if (e.Attachment is { } detail)
                {
                    w.WriteString("detail", detail.ToString());
                }

                break;
        }

        w.WriteEndObject();
    }

    private static void WriteDrone(Utf8JsonWriter w, in DroneData d)
    {
        w.WriteString("track_id", d.TrackId.Span);
        if (d.UasId.IsEmpty)
        {
            w.WriteNull("uas_id");
        }
        else
        {
            w.WriteString("uas_id", d.UasId.Span);
        }

        Number(w, "lat", d.HasPosition ? d.Latitude : double.NaN);
        Number(w, "lon", d.HasPosition ? d.Longitude : double.NaN);
        Number(w, "alt_m", d.AltitudeM);
        Number(w, "height_m", d.HeightM);
        Number(w, "speed_mps", d.SpeedMps);
        Number(w, "heading_deg", d.HeadingDeg);
        Number(w, "operator_lat", d.HasOperator ? d.OperatorLatitude : double.NaN);
        Number(w, "operator_lon", d.HasOperator ? d.OperatorLongitude : double.NaN);
        Number(w, "bearing_deg", d.HasBearing ? d.BearingDeg : double.NaN);
        Number(w, "elevation_deg", d.ElevationDeg);
        Number(w, "range_m", d.RangeM);
        Number(w, "rssi_dbm", d.RssiDbm);
        Number(w, "frequency_mhz", d.FrequencyMhz);
        Number(w, "confidence", d.Confidence);
        w.WriteString("classification", EnumCode<DroneClass>.Of(d.Classification));
        w.WriteString("protocol", EnumCode<RfProtocol>.Of(d.Protocol));
        w.WriteNumber("ua_type", d.UaType);
        w.WriteNumber("eu_category", d.EuCategory);
        w.WriteNumber("eu_class", d.EuClass);
        w.WriteNumber("spoof", (byte)d.Spoof);
        if (d.SpoofIdCount > 0)
        {
            w.WriteNumber("spoof_id_count", d.SpoofIdCount); // fusion carries it into the alert: replay needs it
        }
    }

    private static void WritePerimeter(Utf8JsonWriter w, in PerimeterData p)
    {
        w.WriteString("state", EnumCode<PerimeterState>.Of(p.State));
        w.WriteString("previous", EnumCode<PerimeterState>.Of(p.Previous));
        w.WriteString("mode", EnumCode<PerimeterMode>.Of(p.Mode));
        w.WriteNumber("transitions_per_minute", p.TransitionsPerMinute);
        if (p.RawAdc < 0)
        {
            w.WriteNull("raw_adc");
        }
        else
        {
            w.WriteNumber("raw_adc", p.RawAdc);
        }

        w.WriteBoolean("from_supervision", p.FromSupervision);
    }

    private static void WriteHandset(Utf8JsonWriter w, in HandsetData h)
    {
        OptionalString(w, "imsi", h.Imsi.HasValue ? h.Imsi.ToString() : null);
        OptionalString(w, "imei", h.Imei.HasValue ? h.Imei.ToString() : null);
        w.WriteString("technology", EnumCode<RadioTechnology>.Of(h.Technology));
        w.WriteNumber("band", h.Band);
        w.WriteNumber("channel", h.Channel);
        Number(w, "uplink_dbm", h.UplinkDbm);
        w.WriteNumber("mcc", h.Mcc);
        w.WriteNumber("mnc", h.Mnc);
        w.WriteString("action", EnumCode<HandsetAction>.Of(h.Action));
        w.WriteBoolean("new_in_zone", h.NewInZone);
    }

    private static void WriteBodycam(Utf8JsonWriter w, BodycamRecording r)
    {
        w.WriteString("recording_id", r.RecordingId);
        w.WriteString("device_serial", r.DeviceSerial);
        w.WriteString("wearer", r.WearerPseudonym);
        w.WriteString("start", r.Start.UtcDateTime);
        w.WriteString("end", r.End.UtcDateTime);
        w.WriteString("sha256", r.Sha256);
        w.WriteNumber("size_bytes", r.SizeBytes);
        w.WriteString("trigger", r.Trigger);
        w.WriteString("unit", r.Unit);
        Number(w, "lat", r.Latitude ?? double.NaN);
        Number(w, "lon", r.Longitude ?? double.NaN);
        w.WriteString("uploaded_at", r.UploadedAt.UtcDateTime);
        w.WriteString("source_system", r.SourceSystem);
    }

    private static void WriteCommand(Utf8JsonWriter w, OperatorCommand c)
    {
        w.WriteString("verb", EnumCode<CommandVerb>.Of(c.Verb));
        w.WriteString("sender", c.Sender);
        OptionalString(w, "key_id", c.KeyId);
        if (c.IssuedAt is { } issued)
        {
            w.WriteString("issued_at", issued.UtcDateTime);
        }
        else
        {
            w.WriteNull("issued_at");
        }

        OptionalString(w, "nonce", c.Nonce);
        OptionalString(w, "refusal", c.Refusal);
        if (c.Redelivery)
        {
            w.WriteBoolean("redelivery", true);
        }

        if (c.RefusalsNotJournaled > 0)
        {
            w.WriteNumber("refusals_not_journaled", c.RefusalsNotJournaled);
        }

        OptionalString(w, "alert_id", c.AlertId);
        OptionalString(w, "operator", c.Operator);
        OptionalString(w, "note", c.Note);
        OptionalString(w, "zone", c.Zone);
        if (c.Until is { } until)
        {
            w.WriteString("until", until.UtcDateTime);
        }
        else
        {
            w.WriteNull("until");
        }

        OptionalString(w, "reason", c.Reason);
        OptionalString(w, "correlation_id", c.CorrelationId);
    }

    private static void OptionalString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, float value)
    {
        if (float.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
