namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// Why a SAPIENT message does not conform to BSI Flex 335 v2.0: the offending field as a JSON path
/// (e.g. <c>detectionReport.location.coordinateSystem</c>) and what was expected there.
/// </summary>
/// <param name="Path">Field path in JSON (camelCase) names, list elements as <c>[i]</c>.</param>
/// <param name="Reason">What was expected and what came.</param>
public readonly record struct SapientViolation(string Path, string Reason)
{
    /// <summary>"path: reason", one line.</summary>
    public override string ToString() => $"{Path}: {Reason}";
}
