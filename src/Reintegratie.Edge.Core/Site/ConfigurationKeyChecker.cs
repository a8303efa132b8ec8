using System.Globalization;

namespace Reintegratie.Edge.Core.Site;

/// <summary>
/// Checks every key of a configuration against a schema of our sections before anything is bound: a key we do not know
/// inside one of our sections (<c>Mqtt:Prt</c>) and a value the binder cannot convert (<c>Mqtt:Port = abc</c>) throw a
/// <see cref="ConfigurationException"/> naming the key, with the nearest valid key or the expected value. Top-level keys
/// that are not ours are left alone: environment variables land there.
/// </summary>
public static class ConfigurationKeyChecker
{
    private const int MaxShownValue = 64;

    /// <summary>Throws for the first problem in key order.</summary>
    /// <param name="entries">Every key and value (<c>IConfiguration.AsEnumerable()</c>; sections have a null value).</param>
    /// <param name="schema">A section node whose keys are our top-level sections.</param>
    public static void Check(IEnumerable<KeyValuePair<string, string?>> entries, ConfigurationKeyNode schema)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(schema);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in entries)
        {
            values[key] = value;
        }

        foreach (var key in values.Keys.Order(StringComparer.OrdinalIgnoreCase))
        {
            var segments = key.Split(':');
            if (schema.Children.TryGetValue(segments[0], out var section))
            {
                Walk(segments, 1, section, segments[0], values);
            }
            else if (segments.Length > 1 && ClosestKey.Find(segments[0], schema.Children.Keys) is { } near)
            {
                throw new ConfigurationException(segments[0], $"unknown section; did you mean {near}?");
            }
        }
    }

    private static void Walk(string[] segments, int index, ConfigurationKeyNode node, string path, Dictionary<string, string?> values)
    {
        while (true)
        {
            if (node.Kind == ConfigurationKeyNodeKind.Any)
            {
                return;
            }

            if (index == segments.Length)
            {
                CheckValue(path, values[path], node);
                return;
            }

            var segment = segments[index];
            var key = path + ":" + segment;
            switch (node.Kind)
            {
                case ConfigurationKeyNodeKind.Value:
                    throw new ConfigurationException(key, $"unknown key; {path} takes a value, no keys below it");
                case ConfigurationKeyNodeKind.List:
                    if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        throw new ConfigurationException(key, $"unknown key; {path} is a list (entries 0, 1, ...)");
                    }

                    node = node.Element!;
                    break;
                case ConfigurationKeyNodeKind.Map:
                    node = node.Element!;
                    break;
                default:
                    var section = node.Variant is { } variant ? variant(values.GetValueOrDefault(path + ":" + node.VariantKey)) : node;
                    if (!section.Children.TryGetValue(segment, out var child))
                    {
                        throw new ConfigurationException(key, Unknown(path, segment, section));
                    }

                    node = child;
                    break;
            }

            path = key;
            index++;
        }
    }

    private static string Unknown(string path, string segment, ConfigurationKeyNode section)
    {
        if (ClosestKey.Find(segment, section.Children.Keys) is { } near)
        {
            return $"unknown key; did you mean {path}:{near}?";
        }

        var valid = section.Children.Keys.Order(StringComparer.Ordinal).ToList();
        return valid.Count == 0
            ? $"unknown key; {path} has no keys"
            : $"unknown key; {path} takes {string.Join(", ", valid)}";
    }

    private static void CheckValue(string path, string? value, ConfigurationKeyNode node)
    {
        if (value is null || (value.Length == 0 && node.Kind != ConfigurationKeyNodeKind.Value))
        {
            return; // a section (an empty JSON object or array has a null or empty value)
        }

        if (node.Kind != ConfigurationKeyNodeKind.Value)
        {
            throw new ConfigurationException(path, $"'{Shown(value)}' is not valid here; expected a {(node.Kind == ConfigurationKeyNodeKind.List ? "list" : "section")} of keys, not a single value");
        }

        if (node.ValueType is not { } type || Converts(type, value))
        {
            return;
        }

        throw new ConfigurationException(path, $"'{Shown(value)}' is not valid; expected {Expected(type)}");
    }

    /// <summary>
    /// Whether the configuration binder's source generator would convert <paramref name="value"/> to <paramref name="type"/>:
    /// the type's own invariant-culture parse, no TypeConverter (which needs reflection a NativeAOT build does not keep).
    /// </summary>
    internal static bool Converts(Type type, string value)
    {
        var c = CultureInfo.InvariantCulture;
        const NumberStyles Whole = NumberStyles.Integer;
        const NumberStyles Real = NumberStyles.Float | NumberStyles.AllowThousands;
        if (type.IsEnum)
        {
            return Enum.TryParse(type, value, ignoreCase: true, out _);
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => bool.TryParse(value, out _),
            TypeCode.Char => value.Length == 1,
            TypeCode.SByte => sbyte.TryParse(value, Whole, c, out _),
            TypeCode.Byte => byte.TryParse(value, Whole, c, out _),
            TypeCode.Int16 => short.TryParse(value, Whole, c, out _),
            TypeCode.UInt16 => ushort.TryParse(value, Whole, c, out _),
            TypeCode.Int32 => int.TryParse(value, Whole, c, out _),
            TypeCode.UInt32 => uint.TryParse(value, Whole, c, out _),
            TypeCode.Int64 => long.TryParse(value, Whole, c, out _),
            TypeCode.UInt64 => ulong.TryParse(value, Whole, c, out _),
            TypeCode.Single => float.TryParse(value, Real, c, out _),
            TypeCode.Double => double.TryParse(value, Real, c, out _),
            TypeCode.Decimal => decimal.TryParse(value, Real, c, out _),
            TypeCode.DateTime => DateTime.TryParse(value, c, DateTimeStyles.None, out _),
            _ when type == typeof(TimeSpan) => TimeSpan.TryParse(value, c, out _),
            _ when type == typeof(Guid) => Guid.TryParse(value, out _),
            _ when type == typeof(DateTimeOffset) => DateTimeOffset.TryParse(value, c, DateTimeStyles.None, out _),
            _ when type == typeof(DateOnly) => DateOnly.TryParse(value, c, DateTimeStyles.None, out _),
            _ when type == typeof(TimeOnly) => TimeOnly.TryParse(value, c, DateTimeStyles.None, out _),
            _ when type == typeof(Uri) => Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _),
            _ => true, // any other value type is text to us; the binder reports it
        };
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(bool) => "true or false",
        { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number (for example 2.5)",
        _ when type == typeof(TimeSpan) => "a duration such as 00:00:30",
        _ when type == typeof(Guid) => "a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        _ when WholeRange(type) is { } range => FormattableString.Invariant($"a whole number from {range.Min} to {range.Max}"),
        _ => "a " + type.Name,
    };

    private static (Int128 Min, Int128 Max)? WholeRange(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.SByte => (sbyte.MinValue, sbyte.MaxValue),
        TypeCode.Byte => (byte.MinValue, byte.MaxValue),
        TypeCode.Int16 => (short.MinValue, short.MaxValue),
        TypeCode.UInt16 => (ushort.MinValue, ushort.MaxValue),
        TypeCode.Int32 => (int.MinValue, int.MaxValue),
        TypeCode.UInt32 => (uint.MinValue, uint.MaxValue),
        TypeCode.Int64 => (long.MinValue, long.MaxValue),
        TypeCode.UInt64 => (ulong.MinValue, ulong.MaxValue),
        _ => null,
    };

    private static string Shown(string value) =>
        value.Length <= MaxShownValue ? value : string.Concat(value.AsSpan(0, MaxShownValue), "...");
}
