using Reintegratie.Edge.Core.Alerts;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>The journal's codes for alert enums (the same snake_case as <see cref="AlertJson"/>).</summary>
public static class EnumCodeOf
{
    /// <summary>Alert kind code, e.g. <c>drone_incursion</c>.</summary>
    public static string AlertKind(AlertKind kind) => EnumCode<AlertKind>.Of(kind);

    /// <summary>Severity code, e.g. <c>critical</c>.</summary>
    public static string Severity(Severity severity) => EnumCode<Severity>.Of(severity);
}
