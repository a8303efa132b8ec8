using Google.Protobuf;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// Checks a <see cref="SapientMessage"/> against BSI Flex 335 v2.0 as the official test harness does:
/// mandatory fields present (strings not blank, enums not *_UNSPECIFIED, lists not empty), UUID and ULID
/// formats, mandatory oneofs set, the ICD version string, and 0..1 ranges where the standard gives them.
/// The mandatory/UUID/ULID facts live on the schema as <c>field_rule</c>/<c>oneof_rule</c> options
/// (Sapient/Proto/sapient/rules.proto), so the walk is generic; <see cref="SapientExtraRules"/> holds the rest.
/// </summary>
public static class SapientValidator
{
    /// <summary>The only ICD version string a v2.0 registration may carry [BSI Flex 335 v2.0, Registration].</summary>
    public const string IcdVersion = "BSI Flex 335 v2.0";

    /// <summary>Returns the first violation, or null when the message conforms.</summary>
    public static SapientViolation? Validate(SapientMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var walker = new SapientRuleWalker();
        walker.Walk(message);
        return walker.First;
    }

    /// <summary>True when the message conforms; otherwise <paramref name="violation"/> names the first problem.</summary>
    public static bool TryValidate(SapientMessage message, out SapientViolation violation)
    {
        var first = Validate(message);
        violation = first ?? default;
        return first is null;
    }

    /// <summary>Every violation (for tools that show them all).</summary>
    public static IReadOnlyList<SapientViolation> ValidateAll(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var walker = new SapientRuleWalker(stopAtFirst: false);
        walker.Walk(message);
        return walker.All;
    }
}
