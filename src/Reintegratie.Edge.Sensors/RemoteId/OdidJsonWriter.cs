using System.Text.Json;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// Writes decoded messages as JSON with the field names of the Open Drone ID conformance vectors
/// (<c>msg_type</c> plus snake_case fields). A pack becomes <c>{"msg_type":"MessagePack","messages":[...]}</c>.
/// Used by <c>edgectl decode odid</c>; not on the hot path.
/// </summary>
public static class OdidJsonWriter
{
    /// <summary>Writes a validated frame (one message or a pack) as one JSON object.</summary>
    public static void WriteFrame(Utf8JsonWriter writer, OdidFrame frame, OdidJsonStyle style = OdidJsonStyle.UnknownAsNull)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!frame.IsPack)
        {
            WriteMessage(writer, frame[0], style);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("msg_type", "MessagePack");
        writer.WriteStartArray("messages");
        for (var i = 0; i < frame.Count; i++)
        {
            WriteMessage(writer, frame[i], style);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes one 25-byte message as a JSON object.</summary>
    public static void WriteMessage(Utf8JsonWriter writer, ReadOnlySpan<byte> message, OdidJsonStyle style = OdidJsonStyle.UnknownAsNull)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!OdidFrame.TryCheckMessage(message, out var error))
        {
            throw new OdidFormatException(error!);
        }

        var w = new Fields(writer, style);
        writer.WriteStartObject();
        switch (OdidDecoder.TypeOf(message))
        {
            case OdidMessageType.BasicId:
                writer.WriteString("msg_type", "BasicID");
                WriteBasicId(writer, OdidDecoder.DecodeBasicId(message));
                break;
            case OdidMessageType.Location:
                writer.WriteString("msg_type", "Location");
                WriteLocation(w, OdidDecoder.DecodeLocation(message));
                break;
            case OdidMessageType.Auth:
                writer.WriteString("msg_type", "Auth");
                WriteAuth(writer, OdidDecoder.DecodeAuth(message));
                break;
            case OdidMessageType.SelfId:
                var self = OdidDecoder.DecodeSelfId(message);
                writer.WriteString("msg_type", "SelfID");
                writer.WriteNumber("desc_type", self.DescType);
                writer.WriteString("desc", self.Description.Span);
                break;
            case OdidMessageType.System:
                writer.WriteString("msg_type", "System");
                WriteSystem(w, OdidDecoder.DecodeSystem(message));
                break;
            default:
                var op = OdidDecoder.DecodeOperatorId(message);
                writer.WriteString("msg_type", "OperatorID");
                writer.WriteNumber("operator_id_type", op.OperatorIdType);
                writer.WriteString("operator_id", op.OperatorId.Span);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteBasicId(Utf8JsonWriter writer, in BasicIdMessage msg)
    {
        writer.WriteNumber("ua_type", msg.UaType);
        writer.WriteNumber("id_type", msg.IdType);
        if (msg.IsBinaryId)
        {
            writer.WriteString("uas_id_hex", Convert.ToHexStringLower(msg.UasId.Span));
        }
        else
        {
            writer.WriteString("uas_id", msg.UasId.Span);
        }
    }

    private static void WriteLocation(Fields w, in LocationMessage msg)
    {
        w.Writer.WriteNumber("status", msg.Status);
        w.Number("direction_deg", msg.DirectionDeg, 0, 361);
        w.Number("speed_horizontal_mps", msg.SpeedHorizontalMps, 2, 255);
        w.Number("speed_vertical_mps", msg.SpeedVerticalMps, 1, 63);
        w.Number("latitude", msg.Latitude, 7, 0);
        w.Number("longitude", msg.Longitude, 7, 0);
        w.Number("altitude_baro_m", msg.AltitudeBaroM, 1, -1000);
        w.Number("altitude_geo_m", msg.AltitudeGeoM, 1, -1000);
        w.Writer.WriteNumber("height_type", msg.HeightType);
        w.Number("height_m", msg.HeightM, 1, -1000);
        w.Writer.WriteNumber("horiz_accuracy", msg.HorizAccuracy);
        w.Writer.WriteNumber("vert_accuracy", msg.VertAccuracy);
        w.Writer.WriteNumber("baro_accuracy", msg.BaroAccuracy);
        w.Writer.WriteNumber("speed_accuracy", msg.SpeedAccuracy);
        w.Writer.WriteNumber("ts_accuracy", msg.TsAccuracy);
        w.Number("timestamp_s_after_hour", msg.TimestampSAfterHour, 1, 65535);
    }

    private static void WriteAuth(Utf8JsonWriter writer, in AuthMessage msg)
    {
        writer.WriteNumber("data_page", msg.DataPage);
        writer.WriteNumber("auth_type", msg.AuthType);
        if (msg.DataPage == 0)
        {
            writer.WriteNumber("last_page_index", msg.LastPageIndex);
            writer.WriteNumber("length", msg.Length);
            writer.WriteNumber("timestamp_s_since_2019", msg.TimestampSince2019);
        }

        // Page 0's declared length bounds its data; the rest of the 17 bytes is padding.
        var data = msg.DataSpan;
        if (msg.DataPage == 0 && msg.Length < data.Length)
        {
            data = data[..msg.Length];
        }

        writer.WriteString("auth_data_hex", Convert.ToHexStringLower(data));
    }

    private static void WriteSystem(Fields w, in SystemMessage msg)
    {
        w.Writer.WriteNumber("operator_location_type", msg.OperatorLocationType);
        w.Writer.WriteNumber("classification_type", msg.ClassificationType);
        w.Number("operator_latitude", msg.OperatorLatitude, 7, 0);
        w.Number("operator_longitude", msg.OperatorLongitude, 7, 0);
        w.Writer.WriteNumber("area_count", msg.AreaCount);
        w.Writer.WriteNumber("area_radius_m", msg.AreaRadiusM);
        w.Number("area_ceiling_m", msg.AreaCeilingM, 1, -1000);
        w.Number("area_floor_m", msg.AreaFloorM, 1, -1000);
        w.Writer.WriteNumber("category_eu", msg.CategoryEu);
        w.Writer.WriteNumber("class_eu", msg.ClassEu);
        w.Number("operator_altitude_geo_m", msg.OperatorAltitudeGeoM, 1, -1000);
        w.Writer.WriteNumber("timestamp_s_since_2019", msg.TimestampSince2019);
        w.Writer.WriteNumber("timestamp_unix", msg.TimestampUnix);
    }

    private readonly record struct Fields(Utf8JsonWriter Writer, OdidJsonStyle Style)
    {
        public void Number(string name, double value, int decimals, double placeholder)
        {
            if (double.IsNaN(value))
            {
                if (Style == OdidJsonStyle.Reference)
                {
                    Writer.WriteNumber(name, placeholder);
                }
                else
                {
                    Writer.WriteNull(name);
                }

                return;
            }

            // Values sit on the message's grid (0.25 m/s, 0.5 m, 0.1 s, 1e-7 deg); rounding the float-to-double widening
            // to that grid prints 3599.9, not 3599.89990234375.
            Writer.WriteNumber(name, Math.Round(value, decimals, MidpointRounding.AwayFromZero));
        }
    }
}
