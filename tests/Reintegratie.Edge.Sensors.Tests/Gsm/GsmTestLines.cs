using System.Text;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Gsm;

namespace Reintegratie.Edge.Sensors.Tests.Gsm;

/// <summary>Umbrella lines and a sensor table for tests.</summary>
public static class GsmTestLines
{
    public const string Imsi = "204081234567890";
    public const string Imei = "490154203237518"; // valid Luhn (the classic example IMEI)
    public const string Imei14 = "49015420323751";

    public static GsmSensorTable Table { get; } = new([
        new Sensor(0, "gsm-1", SensorFamily.Gsm, 0, TimeSpan.FromSeconds(30), null),
        new Sensor(1, "gsm-2", SensorFamily.Gsm, 1, TimeSpan.FromSeconds(30), null),
    ]);

    public static string Line(string? imsi = Imsi, string? imei = Imei, string sensor = "gsm-1", string action = "detected", string time = "2025-03-01T12:00:00Z")
    {
        var sb = new StringBuilder();
        sb.Append($"{{\"time\":\"{time}\",\"sensor\":\"{sensor}\",\"technology\":\"LTE\",\"band\":20,\"channel\":6300,\"uplink_dbm\":-61.5,\"mcc\":204,\"mnc\":8");
        if (imsi is not null)
        {
            sb.Append($",\"imsi\":\"{imsi}\"");
        }

        if (imei is not null)
        {
            sb.Append($",\"imei\":\"{imei}\"");
        }

        sb.Append($",\"action\":\"{action}\"}}");
        return sb.ToString();
    }

    public static byte[] Bytes(string line) => Encoding.UTF8.GetBytes(line);
}
