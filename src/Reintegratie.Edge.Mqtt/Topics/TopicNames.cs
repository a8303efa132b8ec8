namespace Reintegratie.Edge.Mqtt.Topics;

/// <summary>Checks topic levels and topic names against MQTT 5 §4.7 (topic names and filters).</summary>
public static class TopicNames
{
    /// <summary>
    /// True when <paramref name="value"/> is one non-empty topic level without wildcards or separators
    /// (§4.7.1: '+' and '#' are filter wildcards and must not appear in a topic name; '/' separates levels).
    /// </summary>
    public static bool IsValidLevel(string? value, out string reason)
    {
        if (string.IsNullOrEmpty(value))
        {
            reason = "must not be empty";
            return false;
        }

        if (value.AsSpan().IndexOfAny("/+#\0") >= 0)
        {
            reason = $"'{value}' must not contain '/', '+', '#' or NUL";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    /// <summary>
    /// True when <paramref name="value"/> is a publishable topic name: non-empty levels, no wildcards, no leading '$'
    /// (§4.7.2: topics starting with '$' are reserved for the server), at most 65535 bytes (§1.5.4).
    /// </summary>
    public static bool IsValidName(string? value, out string reason)
    {
        if (string.IsNullOrEmpty(value))
        {
            reason = "must not be empty";
            return false;
        }

        if (value[0] == '$')
        {
            reason = $"'{value}' must not start with '$'";
            return false;
        }

        if (value.Length > 32767)
        {
            reason = "is too long";
            return false;
        }

        foreach (var level in value.Split('/'))
        {
            if (!IsValidLevel(level, out var levelReason))
            {
                reason = $"'{value}' has a level that {levelReason}";
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }
}
