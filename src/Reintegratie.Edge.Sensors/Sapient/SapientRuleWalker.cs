using System.Collections;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// Walks a message depth-first applying <see cref="SapientRulePlan"/> and <see cref="SapientExtraRules"/>.
/// The path is kept as a stack of segments and only turned into a string when something fails, so a valid
/// message costs no path strings.
/// </summary>
internal sealed class SapientRuleWalker
{
    private readonly bool _stopAtFirst;
    private readonly List<(string Name, int Index)> _segments = new(8);
    private List<SapientViolation>? _all;

    public SapientRuleWalker(bool stopAtFirst = true) => _stopAtFirst = stopAtFirst;

    public SapientViolation? First { get; private set; }

    public IReadOnlyList<SapientViolation> All => (IReadOnlyList<SapientViolation>?)_all ?? [];

    private bool Done => _stopAtFirst && First is not null;

    public void Walk(IMessage message)
    {
        var plan = SapientRulePlan.For(message.Descriptor);
        foreach (var oneof in plan.RequiredOneofs)
        {
            if (oneof.Accessor.GetCaseFieldDescriptor(message) is null)
            {
                var names = string.Join(" or ", oneof.Fields.Select(f => f.JsonName));
                Fail(OneofPathName(oneof), $"one of {names} is required, none is set");
                if (Done)
                {
                    return;
                }
            }
        }

        for (var i = 0; i < plan.Fields.Length && !Done; i++)
        {
            CheckField(message, plan.Fields[i], plan.Rules[i]);
        }

        if (!Done)
        {
            SapientExtraRules.Check(message, this);
        }
    }

    /// <summary>Records a violation at the current path plus <paramref name="leaf"/> (null = the current path).</summary>
    public void Fail(string? leaf, string reason)
    {
        var sb = new StringBuilder();
        foreach (var (name, index) in _segments)
        {
            Append(sb, name, index);
        }

        if (leaf is not null)
        {
            Append(sb, leaf, -1);
        }

        var v = new SapientViolation(sb.Length == 0 ? "(message)" : sb.ToString(), reason);
        First ??= v;
        if (!_stopAtFirst)
        {
            (_all ??= []).Add(v);
        }
    }

    private void CheckField(IMessage message, FieldDescriptor field, FieldRule? rule)
    {
        var required = rule?.Required ?? false;
        var value = field.Accessor.GetValue(message);
        if (field.IsRepeated)
        {
            if (field.IsMap)
            {
                return;
            }

            var list = (IList)value;
            if (required && list.Count == 0)
            {
                Fail(field.JsonName, "is mandatory and must not be empty");
                return;
            }

            for (var i = 0; i < list.Count && !Done; i++)
            {
                _segments.Add((field.JsonName, i));
                CheckValue(field, rule, list[i], present: true, required);
                _segments.RemoveAt(_segments.Count - 1);
            }

            return;
        }

        var present = field.FieldType == FieldType.Message ? value is not null : !field.HasPresence || field.Accessor.HasValue(message);
        _segments.Add((field.JsonName, -1));
        CheckValue(field, rule, value, present, required);
        _segments.RemoveAt(_segments.Count - 1);
    }

    private void CheckValue(FieldDescriptor field, FieldRule? rule, object? value, bool present, bool required)
    {
        switch (field.FieldType)
        {
            case FieldType.Message:
                if (!present || value is null)
                {
                    RequireMissing(required);
                }
                else if (value is Timestamp ts)
                {
                    CheckTimestamp(ts);
                }
                else
                {
                    Walk((IMessage)value);
                }

                break;
            case FieldType.String:
                CheckString(rule, present ? (string?)value : null, required);
                break;
            case FieldType.Enum:
                var number = present && value is not null ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
                if (present && field.EnumType.FindValueByNumber(number) is null)
                {
                    Fail(null, $"expected a {field.EnumType.Name} value, got {number}");
                }
                else if (required && number == 0)
                {
                    Fail(null, $"is mandatory: expected a {field.EnumType.Name} other than {field.EnumType.Values[0].Name}");
                }

                break;
            case FieldType.Bytes:
                if (required && (!present || value is not ByteString { Length: > 0 }))
                {
                    RequireMissing(required);
                }

                break;
            default:
                if (!present)
                {
                    RequireMissing(required);
                }

                break;
        }
    }

    private void CheckString(FieldRule? rule, string? s, bool required)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            RequireMissing(required);
            return;
        }

        if (rule is { Uuid: true } && !SapientIds.IsUuid(s))
        {
            Fail(null, $"expected a UUID (8-4-4-4-12 hex), got '{Clip(s)}'");
        }
        else if (rule is { Ulid: true } && !SapientIds.IsUlid(s))
        {
            Fail(null, $"expected a ULID (26 Crockford base-32 characters), got '{Clip(s)}'");
        }
    }

    private void CheckTimestamp(Timestamp ts)
    {
        // google.protobuf.Timestamp: 0001-01-01 .. 9999-12-31, nanos 0..999,999,999.
        if (ts.Nanos is < 0 or > 999_999_999 || ts.Seconds is < -62_135_596_800 or > 253_402_300_799)
        {
            Fail(null, $"expected a timestamp between 0001 and 9999, got seconds={ts.Seconds} nanos={ts.Nanos}");
        }
    }

    private void RequireMissing(bool required)
    {
        if (required)
        {
            Fail(null, "is mandatory but missing or empty");
        }
    }

    private static void Append(StringBuilder sb, string name, int index)
    {
        if (sb.Length > 0)
        {
            sb.Append('.');
        }

        sb.Append(name);
        if (index >= 0)
        {
            sb.Append('[').Append(index).Append(']');
        }
    }

    private static string OneofPathName(OneofDescriptor oneof)
    {
        var name = oneof.Name.EndsWith("_oneof", StringComparison.Ordinal) ? oneof.Name[..^6] : oneof.Name;
        var parts = name.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
