namespace Reintegratie.Edge.Sensors.Tests.Bodycam;

/// <summary>Sidecar JSON for tests.</summary>
public static class BodycamTestSidecars
{
    public const string Wearer = "P123456";

    public static string Json(string recordingId = "REC-0001", string wearer = Wearer, string unit = "wing-a", string sha = "", string start = "2025-03-01T12:00:00Z",
        string end = "2025-03-01T12:05:00Z", string extra = "") =>
        $$"""
        {
          "recording_id": "{{recordingId}}",
          "device_serial": "BC-778812",
          "wearer_id": "{{wearer}}",
          "start_utc": "{{start}}",
          "end_utc": "{{end}}",
          "sha256": "{{(sha.Length > 0 ? sha : new string('a', 64))}}",
          "size_bytes": 73400320,
          "trigger": "manual",
          "unit": "{{unit}}",
          "lat": 50.99,
          "lon": 5.86,
          "uploaded_at": "2025-03-01T12:30:00Z",
          "source_system": "dock-a"{{extra}}
        }
        """;
}
