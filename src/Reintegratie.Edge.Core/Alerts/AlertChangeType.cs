using System.Text.Json.Serialization;

namespace Reintegratie.Edge.Core.Alerts;

/// <summary>Lifecycle step of an alert message on <c>…/alerts</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertChangeType>))]
public enum AlertChangeType : byte
{
    /// <summary>First revision.</summary>
    [JsonStringEnumMemberName("new")]
    New = 0,

    /// <summary>A later revision (evidence, escalation, acknowledgement).</summary>
    [JsonStringEnumMemberName("update")]
    Update = 1,

    /// <summary>Final revision: the alert ended.</summary>
    [JsonStringEnumMemberName("end")]
    End = 2,
}
