using System.Text.Json.Serialization;

namespace Reintegratie.Edge.Core.Alerts;

/// <summary>Alert severity, lowest first (the outbox sheds the lowest first; high and critical never).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity : byte
{
    /// <summary>For the record.</summary>
    [JsonStringEnumMemberName("info")]
    Info = 0,

    /// <summary>Low.</summary>
    [JsonStringEnumMemberName("low")]
    Low = 1,

    /// <summary>Medium.</summary>
    [JsonStringEnumMemberName("medium")]
    Medium = 2,

    /// <summary>High: act now.</summary>
    [JsonStringEnumMemberName("high")]
    High = 3,

    /// <summary>Critical: act now, life or security at stake.</summary>
    [JsonStringEnumMemberName("critical")]
    Critical = 4,
}
