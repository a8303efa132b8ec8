using System.Collections.Concurrent;
using Google.Protobuf.Reflection;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>The rules of one message type, read once from the schema's custom options and cached.</summary>
internal sealed class SapientRulePlan
{
    private static readonly ConcurrentDictionary<MessageDescriptor, SapientRulePlan> s_plans = new();

    private SapientRulePlan(MessageDescriptor descriptor)
    {
        var fields = descriptor.Fields.InDeclarationOrder();
        Fields = new FieldDescriptor[fields.Count];
        Rules = new FieldRule?[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            Fields[i] = fields[i];
            Rules[i] = fields[i].GetOptions()?.GetExtension(RulesExtensions.FieldRule);
        }

        RequiredOneofs = descriptor.Oneofs
            .Where(o => !o.IsSynthetic && (o.GetOptions()?.GetExtension(RulesExtensions.OneofRule)?.Required ?? false))
            .ToArray();
    }

    /// <summary>Fields in declaration order (the order the harness reports problems in).</summary>
    public FieldDescriptor[] Fields { get; }

    /// <summary>The rule of each field, or null.</summary>
    public FieldRule?[] Rules { get; }

    /// <summary>Oneofs of which exactly one member must be set.</summary>
    public OneofDescriptor[] RequiredOneofs { get; }

    /// <summary>The plan for <paramref name="descriptor"/>.</summary>
    public static SapientRulePlan For(MessageDescriptor descriptor) => s_plans.GetOrAdd(descriptor, static d => new SapientRulePlan(d));
}
