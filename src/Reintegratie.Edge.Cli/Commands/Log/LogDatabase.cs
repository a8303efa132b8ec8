using System.Globalization;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary>Shared plumbing of the <c>log</c> commands: opening the journal read-only, parsing times.</summary>
internal static class LogDatabase
{
    /// <summary>Opens <c>--db</c> read-only; null (after a one-line reason on stderr) when it cannot.</summary>
    public static async Task<SqliteConnection?> OpenAsync(CliArgs args, CliConsole console, string command)
    {
        var path = args.Required("db");
        try
        {
            return JournalDatabase.OpenReadOnly(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or SqliteException)
        {
            await console.Error.WriteLineAsync($"edgectl log {command}: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Parses an ISO-8601 time option (a date means its UTC midnight).</summary>
    public static DateTimeOffset? Time(CliArgs args, string name)
    {
        var text = args.Value(name);
        if (text is null)
        {
            return null;
        }

        return JournalTime.TryParse(text, out var at)
            ? at
            : throw new CliUsageException($"--{name} must be an ISO-8601 time such as 2026-09-14T10:00:00Z, got '{text}'");
    }

    /// <summary>Formats a duration for people: 42 s, 3 min 5 s, 2 h 10 min.</summary>
    public static string Duration(TimeSpan? span)
    {
        if (span is not { } s)
        {
            return "-";
        }

        return s.TotalSeconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalSeconds:0} s")
            : s.TotalMinutes < 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)s.TotalMinutes} min {s.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)s.TotalHours} h {s.Minutes} min");
    }
}
