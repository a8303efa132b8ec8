using Google.Protobuf;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// The harness's rules that are not simple presence or id-format facts: the exact ICD version, and values the
/// standard defines as a fraction 0..1 (confidences).
/// </summary>
internal static class SapientExtraRules
{
    public static void Check(IMessage message, SapientRuleWalker walker)
    {
        switch (message)
        {
            case Registration r when r.HasIcdVersion && !string.IsNullOrWhiteSpace(r.IcdVersion) && r.IcdVersion != SapientValidator.IcdVersion:
                walker.Fail("icdVersion", $"expected \"{SapientValidator.IcdVersion}\", got \"{r.IcdVersion}\"");
                break;
            case DetectionReport d when d.HasDetectionConfidence && !IsFraction(d.DetectionConfidence):
                walker.Fail("detectionConfidence", $"expected 0..1, got {d.DetectionConfidence}");
                break;
        }
    }

    private static bool IsFraction(float value) => value is >= 0f and <= 1f;
}
