using System.Runtime.CompilerServices;
using System.Text;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>snake_case codes of byte-backed enums (<c>UavRotaryWing</c> -> <c>uav_rotary_wing</c>), built once, no allocation per use.</summary>
/// <typeparam name="T">A byte-backed enum.</typeparam>
internal static class EnumCode<T>
    where T : struct, Enum
{
    private static readonly string[] s_codes = Build();

    /// <summary>The code of a value (undefined values: their number).</summary>
    public static string Of(T value)
    {
        // Not Convert.ToInt32(value): that boxes the value (24 B per call, twice per drone payload). The size test is
        // folded by the JIT per T.
        var i = Unsafe.SizeOf<T>() switch
        {
            1 => Unsafe.As<T, byte>(ref value),
            2 => Unsafe.As<T, ushort>(ref value),
            _ => Unsafe.As<T, int>(ref value),
        };
        return i >= 0 && i < s_codes.Length ? s_codes[i] : i.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a code written by <see cref="Of"/> back (a number, for values without a name, too).</summary>
    public static bool TryParse(string? code, out T value)
    {
        var i = code is null ? -1 : Array.IndexOf(s_codes, code);
        value = i >= 0 ? (T)Enum.ToObject(typeof(T), i) : default;
        return i >= 0;
    }

    private static string[] Build()
    {
        var codes = new string[256];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var value in Enum.GetValues<T>())
        {
            var name = value.ToString();
            var sb = new StringBuilder(name.Length + 4);
            for (var i = 0; i < name.Length; i++)
            {
                if (char.IsUpper(name[i]) && i > 0)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(name[i]));
            }

            codes[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = sb.ToString();
        }

        return codes;
    }
}
