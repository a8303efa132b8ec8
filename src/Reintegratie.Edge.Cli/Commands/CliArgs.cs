using System.Globalization;

namespace Reintegratie.Edge.Cli.Commands;

/// <summary>
/// A small, strict option parser: <c>--name value</c>, <c>--name=value</c>, flags, and positionals. Unknown options
/// are an error (a typo must not be silently ignored by a technician's command).
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CliArgs()
    {
    }

    /// <summary>Positional arguments in order.</summary>
    public List<string> Positionals { get; } = [];

    /// <summary>Parses <paramref name="args"/>; <paramref name="valueOptions"/> take a value, <paramref name="flagOptions"/> do not.</summary>
    /// <exception cref="CliUsageException">An unknown option or a missing value.</exception>
    public static CliArgs Parse(IReadOnlyList<string> args, IEnumerable<string> valueOptions, IEnumerable<string>? flagOptions = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new HashSet<string>(valueOptions, StringComparer.Ordinal);
        var flags = new HashSet<string>(flagOptions ?? [], StringComparer.Ordinal);
        var result = new CliArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                result.Positionals.AddRange(args.Skip(i + 1));
                break;
            }

            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2)
            {
                result.Positionals.Add(a);
                continue;
            }

            var eq = a.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? a[2..eq] : a[2..];
            if (flags.Contains(name) && eq < 0)
            {
                result._flags.Add(name);
            }
            else if (values.Contains(name))
            {
                string value;
                if (eq > 0)
                {
                    value = a[(eq + 1)..];
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    throw new CliUsageException($"option --{name} needs a value");
                }

                if (!result._options.TryGetValue(name, out var list))
                {
                    result._options[name] = list = [];
                }

                list.Add(value);
            }
            else
            {
                throw new CliUsageException($"unknown option --{name}");
            }
        }

        return result;
    }

    /// <summary>True when the flag was given.</summary>
    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>The last value of an option, or null.</summary>
    public string? Value(string name) => _options.TryGetValue(name, out var l) ? l[^1] : null;

    /// <summary>Every value of a repeatable option.</summary>
    public IReadOnlyList<string> Values(string name) => _options.TryGetValue(name, out var l) ? l : [];

    /// <summary>The value of a required option.</summary>
    public string Required(string name) => Value(name) ?? throw new CliUsageException($"option --{name} is required");

    /// <summary>An integer option with a default.</summary>
    public int WholeNumber(string name, int defaultValue) =>
        Value(name) is { } v
            ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new CliUsageException($"--{name} must be a whole number, got '{v}'")
            : defaultValue;
}
