using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Reintegratie.Edge.Core.Site;

/// <summary>
/// One node of the configuration key schema that <see cref="ConfigurationKeyChecker"/> checks against: a typed value,
/// a section with named keys, a list (keys 0, 1, ...), a map whose keys are free, or anything (a section we do not own).
/// </summary>
public sealed class ConfigurationKeyNode
{
    /// <summary>What <see cref="FromType(Type)"/> reads of an options class: its public properties, nothing else.</summary>
    public const DynamicallyAccessedMemberTypes OptionsMembers = DynamicallyAccessedMemberTypes.PublicProperties;

    private readonly Dictionary<string, ConfigurationKeyNode> _children = new(StringComparer.OrdinalIgnoreCase);

    private ConfigurationKeyNode(ConfigurationKeyNodeKind kind, Type? valueType, ConfigurationKeyNode? element)
    {
        Kind = kind;
        ValueType = valueType;
        Element = element;
    }

    /// <summary>What this node holds.</summary>
    public ConfigurationKeyNodeKind Kind { get; }

    /// <summary>For a value: the type the binder converts it to (null = any text).</summary>
    public Type? ValueType { get; }

    /// <summary>For a list or a map: the node of each entry.</summary>
    public ConfigurationKeyNode? Element { get; }

    /// <summary>For a section: its keys (case-insensitive, as .NET configuration is).</summary>
    public IReadOnlyDictionary<string, ConfigurationKeyNode> Children => _children;

    /// <summary>
    /// For a list entry whose keys depend on one of its values (a sensor's keys on its <c>Family</c>): picks the node for
    /// the entry from that value (null when the entry has none); null when the entry's keys are fixed.
    /// </summary>
    public Func<string?, ConfigurationKeyNode>? Variant { get; private init; }

    /// <summary>For a section made by <see cref="FromType(Type)"/>: the options class it was read from.</summary>
    public Type? OptionsType { get; private init; }

    /// <summary>The key whose value <see cref="Variant"/> receives.</summary>
    public string? VariantKey { get; private init; }

    /// <summary>Any key below is accepted (e.g. <c>Logging</c>, owned by Microsoft.Extensions.Logging).</summary>
    public static ConfigurationKeyNode Any { get; } = new(ConfigurationKeyNodeKind.Any, null, null);

    /// <summary>A value converted to <paramref name="type"/> (null: any text).</summary>
    public static ConfigurationKeyNode Value(Type? type = null) => new(ConfigurationKeyNodeKind.Value, type, null);

    /// <summary>An empty section; add keys with <see cref="With"/>.</summary>
    public static ConfigurationKeyNode Section() => new(ConfigurationKeyNodeKind.Section, null, null);

    /// <summary>A list of entries (keys 0, 1, ...).</summary>
    public static ConfigurationKeyNode List(ConfigurationKeyNode element) => new(ConfigurationKeyNodeKind.List, null, element);

    /// <summary>A map with free keys (a dictionary).</summary>
    public static ConfigurationKeyNode Map(ConfigurationKeyNode element) => new(ConfigurationKeyNodeKind.Map, null, element);

    /// <summary>A list entry whose node is chosen by the value of <paramref name="key"/> inside it.</summary>
    public static ConfigurationKeyNode Choice(string key, Func<string?, ConfigurationKeyNode> variant) =>
        new(ConfigurationKeyNodeKind.Section, null, null) { Variant = variant, VariantKey = key };

    /// <summary>
    /// The node of an options class, derived from its public settable properties the way the configuration binder binds
    /// them: simple types are values, arrays and lists are lists, string-keyed dictionaries are maps, classes are sections.
    /// </summary>
    /// <remarks>
    /// Reads properties by reflection. The annotation keeps <paramref name="type"/>'s properties in a trimmed (NativeAOT)
    /// build; an options class reached through a property (<c>MqttOptions.Tls</c>) must be kept by its caller, e.g. with
    /// <see cref="DynamicDependencyAttribute"/>, or its keys are missing from the schema. Each section read from a class
    /// names it in <see cref="OptionsType"/>, so a test can check that list.
    /// </remarks>
    public static ConfigurationKeyNode FromType([DynamicallyAccessedMembers(OptionsMembers)] Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return FromType(type, []);
    }

    /// <summary>Adds (or replaces) a key of this section; returns this node.</summary>
    public ConfigurationKeyNode With(string key, ConfigurationKeyNode node)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(node);
        if (Kind != ConfigurationKeyNodeKind.Section)
        {
            throw new InvalidOperationException($"only a section has keys; this node is a {Kind}");
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            _children[key] = node;
            return this;
        }

        var head = key[..colon];
        if (!_children.TryGetValue(head, out var child) || child.Kind != ConfigurationKeyNodeKind.Section)
        {
            _children[head] = child = Section();
        }

        child.With(key[(colon + 1)..], node);
        return this;
    }

    /// <summary>Adds every key of <paramref name="other"/> (a section) to this section; returns this node.</summary>
    public ConfigurationKeyNode WithAll(ConfigurationKeyNode other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (key, node) in other.Children)
        {
            _children[key] = node;
        }

        return this;
    }

    // IL2072/IL2077: a nested options class (a property's type, a list or map entry type) is kept by the caller of the
    // public FromType (DynamicDependency); its section names it in OptionsType, so a test checks the caller's list.
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Nested options classes are kept by the caller; see above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2077", Justification = "Nested options classes are kept by the caller; see above.")]
    private static ConfigurationKeyNode FromType([DynamicallyAccessedMembers(OptionsMembers)] Type type, HashSet<Type> visiting)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsValue(type))
        {
            return Value(type == typeof(string) ? null : type);
        }

        if (ElementType(type) is { } element)
        {
            return element.IsMap ? Map(FromType(element.Type, visiting)) : List(FromType(element.Type, visiting));
        }

        if (!visiting.Add(type))
        {
            return Any; // a recursive options type: its depth is not ours to limit
        }

        var node = new ConfigurationKeyNode(ConfigurationKeyNodeKind.Section, null, null) { OptionsType = type };
        foreach (var p in BoundProperties(type))
        {
            node._children[p.Name] = FromType(p.PropertyType, visiting);
        }

        visiting.Remove(type);
        return node;
    }

    // The binder sets settable properties and fills get-only collections and sections in place.
    private static IEnumerable<PropertyInfo> BoundProperties([DynamicallyAccessedMembers(OptionsMembers)] Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p =>
            p.GetIndexParameters().Length == 0
            && (p.SetMethod is { IsPublic: true }
                || (p.GetMethod is { IsPublic: true } && !IsValue(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType))));

    private static bool IsValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri)
        || type == typeof(DateOnly) || type == typeof(TimeOnly);

    /// <summary>
    /// The entry type of an array or of a collection the binder fills, read from the type's own generic definition, not
    /// from its interfaces (which a trimmed build need not keep); any other collection is refused so a test finds it.
    /// </summary>
    private static (Type Type, bool IsMap)? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return (type.GetElementType()!, false);
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            {
                return (arguments[1], true);
            }

            if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
                || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>)
                || definition == typeof(HashSet<>) || definition == typeof(ISet<>))
            {
                return (arguments[0], false);
            }
        }

        throw new NotSupportedException($"options property of type {type} is a collection the key schema does not know; use an array, List<T> or Dictionary<string, T>");
    }
}
