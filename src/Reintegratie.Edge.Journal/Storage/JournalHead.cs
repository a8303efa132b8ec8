namespace Reintegratie.Edge.Journal.Storage;

/// <summary>The newest journal row: its sequence number and hash (lower-case hex). Seq 0 = empty journal.</summary>
/// <param name="Seq">Sequence number.</param>
/// <param name="Hash">SHA-256 chain hash, 64 lower-case hex digits.</param>
public sealed record JournalHead(long Seq, string Hash)
{
    /// <summary>The head of an empty journal (the genesis hash: 32 zero bytes).</summary>
    public static JournalHead Empty { get; } = new(0, new string('0', 64));

    /// <summary><c>SEQ:HASH</c>, the form <c>edgectl log verify --expect-head</c> takes.</summary>
    public override string ToString() => $"{Seq}:{Hash}";

    /// <summary>Parses <c>SEQ:HASH</c>.</summary>
    public static bool TryParse(string? text, out JournalHead head)
    {
        head = Empty;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0 || !long.TryParse(text.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }

        var hash = text[(colon + 1)..].ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(Uri.IsHexDigit))
        {
            return false;
        }

        head = new JournalHead(seq, hash);
        return true;
    }
}
