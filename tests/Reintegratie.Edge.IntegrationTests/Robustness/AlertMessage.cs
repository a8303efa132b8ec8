namespace Reintegratie.Edge.IntegrationTests.Robustness;

/// <summary>One <c>…/alerts</c> lifecycle message as the subscriber saw it.</summary>
/// <param name="Id">Alert id.</param>
/// <param name="Revision">Revision.</param>
/// <param name="Type">new, update or end.</param>
/// <param name="Kind">Alert kind code.</param>
/// <param name="Severity">Severity code.</param>
/// <param name="Track">The drone's track id, when the alert has one.</param>
/// <param name="Detail">The technical detail (sensor_fault reason), when present.</param>
/// <param name="Sensors">Sensor ids of the alert.</param>
/// <param name="Arrived">Stopwatch timestamp of arrival in this process.</param>
internal sealed record AlertMessage(string Id, int Revision, string Type, string Kind, string Severity, string? Track, string? Detail, IReadOnlyList<string> Sensors, long Arrived);
