using System.Text;
using System.Text.Json;
using NJsonSchema;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Mqtt.Commands;
using Reintegratie.Edge.Mqtt.Outbox;
using Reintegratie.Edge.Mqtt.Payloads;

namespace Reintegratie.Edge.Mqtt.Tests.Schemas;

/// <summary>Every payload the gateway produces validates against its schema in docs/schemas/.</summary>
public sealed class PayloadSchemaTests
{
    private static readonly DateTimeOffset s_t0 = new(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly StatusInfo s_info = new("0.1.0", s_t0, false, "pi-vught", "gw1", "5.0");

    public static TheoryData<string, string> Samples() => new()
    {
        { "status.json", Utf8(PayloadFormatter.Online(s_info, s_t0)) },
        { "status.json", Utf8(PayloadFormatter.LastWill(s_info)) },
        { "status.json", Utf8(PayloadFormatter.Shutdown(s_info, s_t0)) },
        { "sensor-health.json", Utf8(PayloadFormatter.SensorHealth(new SensorHealth("rid-1", SensorFamily.RemoteId, "Z1", SensorStatus.Online, "reporting", s_t0, s_t0))) },
        { "sensor-health.json", Utf8(PayloadFormatter.SensorHealth(new SensorHealth("gpio-3", SensorFamily.Perimeter, null, SensorStatus.Tamper, "tamper_open", s_t0, s_t0))) },
        { "journal-head.json", Utf8(PayloadFormatter.JournalHead(42, new string('a', 64), s_t0)) },
        { "cmd-response.json", Utf8(PayloadFormatter.CommandResponse(new CommandResponsePayload(true, "acknowledged", "01J", 3, "ack", null))) },
        { "cmd-response.json", Utf8(PayloadFormatter.CommandResponse(new CommandResponsePayload(false, "until: expected ...", null, null, "bypass", "c-1"))) },
        { "alert-lifecycle.json", Utf8(AlertJson.ToUtf8(new AlertChange { Type = AlertChangeType.New, After = Drone(1) })) },
        { "alert-lifecycle.json", Utf8(AlertJson.ToUtf8(new AlertChange { Type = AlertChangeType.Update, Before = Drone(1), After = Acked(Drone(2)) })) },
        { "alert-lifecycle.json", Utf8(AlertJson.ToUtf8(new AlertChange { Type = AlertChangeType.End, Before = Drone(2), After = Drone(3) with { EndedAt = s_t0.AddMinutes(2) } })) },
        { "alerts-active.json", JsonSerializer.Serialize(new List<AlertSnapshot> { Drone(1), Acked(Drone(2)) with { Id = "01JB" } }, AlertJson.Default.ListAlertSnapshot) },
        { "alerts-active.json", "[]" },
        { "bypass.json", Utf8(BypassListPublisher.FromActive(AlertJson.ToUtf8(Bypassed()).Prepend((byte)'[').Append((byte)']').ToArray())!) },
        { "bypass.json", "[]" },
        { "site.json", Utf8(PayloadFormatter.SiteMap(Site(withGeofence: true))) },
        { "site.json", Utf8(PayloadFormatter.SiteMap(Site(withGeofence: false))) },
        { "alert-lifecycle.json", Utf8(AlertJson.ToUtf8(new AlertChange { Type = AlertChangeType.New, After = Bypassed() })) },
        { "cmd-ack-request.json", "{\"alert_id\":\"01J\",\"operator\":\"J. Jansen\",\"note\":\"gezien\",\"key_id\":\"anna\",\"issued_at\":\"2026-09-14T10:00:00Z\",\"nonce\":\"0123456789abcdef\",\"signature\":\"MEUCIQ==\"}" },
        { "cmd-bypass-request.json", "{\"zone\":\"Z2\",\"until\":\"2025-05-01T18:00:00Z\",\"reason\":\"onderhoud hek\",\"key_id\":\"anna\",\"issued_at\":\"2026-09-14T10:00:00Z\",\"nonce\":\"0123456789abcdef\",\"signature\":\"MEUCIQ==\"}" },
        { "cmd-resync-request.json", "{\"key_id\":\"anna\",\"issued_at\":\"2026-09-14T10:00:00Z\",\"nonce\":\"0123456789abcdef\",\"signature\":\"MEUCIQ==\"}" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Payload_Sample_ValidatesAgainstSchema(string schemaFile, string json)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(SchemaDirectory(), schemaFile));

        var errors = schema.Validate(json);

        Assert.True(errors.Count == 0, $"{schemaFile}: {string.Join("; ", errors.Select(e => e.ToString()))}\n{json}");
    }

    [Theory]
    [InlineData("cmd-ack-request.json", "ack", "{\"alert_id\":\"01J\",\"key_id\":\"anna\",\"issued_at\":\"2026-09-14T10:00:00Z\",\"nonce\":\"0123456789abcdef\",\"signature\":\"MEUCIQ==\"}")]
    [InlineData("cmd-bypass-request.json", "bypass", "{\"zone\":\"Z\",\"until\":\"2025-05-01T18:00:00+02:00\",\"reason\":\"r\",\"key_id\":\"anna\",\"issued_at\":\"2026-09-14T10:00:00Z\",\"nonce\":\"0123456789abcdef\",\"signature\":\"MEUCIQ==\"}")]
    [InlineData("cmd-resync-request.json", "resync", "{\"correlation_id\":\"c\",\"key_id\":\"anna\",\"issued_at\":\"2026-09-14T10:00:00Z\",\"nonce\":\"0123456789abcdef\",\"signature\":\"MEUCIQ==\"}")]
    public async Task Request_AcceptedByParser_AlsoValidAgainstSchema(string schemaFile, string verb, string json)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(SchemaDirectory(), schemaFile));

        Assert.True(CommandParser.TryParse(verb, Encoding.UTF8.GetBytes(json), out _, out _));
        Assert.Empty(schema.Validate(json));
    }

    [Fact]
    public async Task Schema_StatusWithUnknownState_IsRejected()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(SchemaDirectory(), "status.json"));

        var json = Utf8(PayloadFormatter.Online(s_info, s_t0)).Replace("\"online\"", "\"sleeping\"", StringComparison.Ordinal);

        Assert.NotEmpty(schema.Validate(json));
    }

    private static AlertSnapshot Drone(int revision) => new()
    {
        Id = "01JA",
        Revision = revision,
        Kind = AlertKind.DroneIncursion,
        Severity = Severity.High,
        Zones = ["Z1"],
        Title = "Drone boven zone Z1",
        FirstSeen = s_t0,
        LastSeen = s_t0.AddSeconds(revision),
        Evidence = [1, 2],
        EvidenceCount = 2,
        Sensors = ["rid-1"],
        Drone = new DroneSummary { UasId = "1596F3", Lat = 51.65, Lon = 5.3, OperatorLat = 51.66, OperatorLon = 5.31, Sources = ["remote_id"] },
    };

    [Fact]
    public void SiteMap_ZonesInConfigurationOrder_AdjacencyBothWays_NullWithoutPolygon_SameBytesEachTime()
    {
        var site = Site(withGeofence: false);

        using var map = JsonDocument.Parse(PayloadFormatter.SiteMap(site));

        var zones = map.RootElement.GetProperty("zones");
        Assert.Equal(["Z1", "Y1"], zones.EnumerateArray().Select(z => z.GetProperty("id").GetString()));
        Assert.Equal(["Y1"], zones[0].GetProperty("adjacent").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["Z1"], zones[1].GetProperty("adjacent").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(51.0005, zones[0].GetProperty("polygon")[2].GetProperty("lat").GetDouble());
        Assert.Equal(JsonValueKind.Null, zones[1].GetProperty("polygon").ValueKind);
        Assert.Equal(JsonValueKind.Null, map.RootElement.GetProperty("geofence").ValueKind);
        Assert.Equal(PayloadFormatter.SiteMap(site), PayloadFormatter.SiteMap(site));
    }

    private static SiteModel Site(bool withGeofence) => SiteModel.Build(new SiteOptions
    {
        Name = "PI Vught",
        Geofence = withGeofence ? [Point(51, 5), Point(51, 5.01), Point(51.01, 5.01)] : [],
        Zones =
        [
            new ZoneOptions { Id = "Z1", Name = "Noordhek", Adjacent = ["Y1"], Polygon = [Point(51, 5), Point(51, 5.001), Point(51.0005, 5.001), Point(51.0005, 5)] },
            new ZoneOptions { Id = "Y1", Name = "Luchtplaats", Kind = "yard" },
        ],
    });

    private static GeoPoint Point(double lat, double lon) => new() { Lat = lat, Lon = lon };

    private static AlertSnapshot Bypassed() => new()
    {
        Id = "01JC",
        Revision = 1,
        Kind = AlertKind.ZoneBypassed,
        Severity = Severity.Medium,
        Zones = ["Z2"],
        Title = "Zone Z2 overbrugd (onderhoud)",
        FirstSeen = s_t0,
        LastSeen = s_t0,
        Detail = "bypass",
        Bypass = new BypassSummary(s_t0.AddHours(2), ["anna", "bert"], "onderhoud hek"),
    };

    private static AlertSnapshot Acked(AlertSnapshot a) => a with { Acknowledged = new Acknowledgement("J. Jansen", s_t0.AddSeconds(30), null) };

    private static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static string SchemaDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "schemas");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Reintegratie.Edge.sln")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("docs/schemas not found above " + AppContext.BaseDirectory);
    }
}
