namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>Fixed-width text fields: NUL-padded ASCII [F3411-22 5.4.5.7].</summary>
internal static class OdidText
{
    /// <summary>The bytes before the first NUL.</summary>
    public static ReadOnlySpan<byte> UpToNul(ReadOnlySpan<byte> field)
    {
        var nul = field.IndexOf((byte)0);
        return nul < 0 ? field : field[..nul];
    }

    /// <summary>Copies <paramref name="text"/> into <paramref name="field"/>, NUL-padding; longer text is cut.</summary>
    public static void Write(ReadOnlySpan<byte> text, Span<byte> field)
    {
        field.Clear();
        text[..Math.Min(text.Length, field.Length)].CopyTo(field);
    }
}
