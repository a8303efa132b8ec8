namespace Reintegratie.Edge.Core.Alerts;

/// <summary>
/// A lifecycle message: <c>{type, before, after}</c>. <see cref="After"/> is the alert now; <see cref="Before"/>
/// is the previous revision (null for <see cref="AlertChangeType.New"/>).
/// </summary>
public sealed record AlertChange
{
    /// <summary>new, update or end.</summary>
    public required AlertChangeType Type { get; init; }

    /// <summary>The previous revision, or null.</summary>
    public AlertSnapshot? Before { get; init; }

    /// <summary>The alert now.</summary>
    public required AlertSnapshot After { get; init; }
}
